"""counter-app: the one-stop counter (Bộ phận Một cửa) terminal application."""

__version__ = "0.1.0"
