"""Vietnamese texts of typing in the text fields (``widgets.vn_input``, the app's toggle key and status bar,
``services.preferences``)."""

MESSAGES: dict[str, str] = {
    # the app's key and status bar
    "typing.key": "Gõ dấu",
    "typing.help": "Gõ tiếng Việt trong mọi ô chữ: Tắt → Telex → VNI (nhớ riêng cho từng cán bộ)",
    "typing.mode.off": "Gõ: Tắt",
    "typing.mode.telex": "Gõ: Telex",
    "typing.mode.vni": "Gõ: VNI",
    "typing.switched.off": "Đã tắt bộ gõ tiếng Việt của ứng dụng.",
    "typing.switched.telex": "Bộ gõ Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, dd đ; s f r x j dấu, z xóa dấu.",
    "typing.switched.vni": "Bộ gõ VNI: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 6 â ê ô, 7 ơ ư, 8 ă, 9 đ, 0 xóa dấu.",
    # the command palette (screens.commands)
    "typing.style.toggle": "Đổi kiểu đặt dấu thanh (hòa / hoà)",
    "typing.style.now.old": "Kiểu đặt dấu cũ: hòa, hòe, thúy (như mặc định của UniKey).",
    "typing.style.now.new": "Kiểu đặt dấu mới: hoà, hoè, thuý.",
    # services.preferences
    "typing.unknown_mode": "Không có kiểu gõ «{mode}» (chỉ có: tắt, telex, vni).",
    "typing.unknown_style": "Không có kiểu bỏ dấu «{style}» (chỉ có: cũ, mới).",
}
