"""Vietnamese catalogue (the default language)."""
