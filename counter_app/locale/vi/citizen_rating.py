"""Vietnamese texts of the citizen's rating on the counter's tablet (issue 16): refusals of a bad answer, the
history's «not rated», and what the officer's screen says (``services.rating``, ``screens.return_result``)."""

MESSAGES: dict[str, str] = {
    # services.rating
    "citizen_rating.bad_level": "Mức hài lòng phải là Rất hài lòng, Hài lòng hoặc Không hài lòng.",
    "citizen_rating.not_open": "Hồ sơ này không còn chờ đánh giá (đã đánh giá, hoặc đã hết thời gian chờ).",
    "citizen_rating.reason_field": "Ý kiến",
    # app and screens.return_result: what the officer's screen says (the officer cannot enter or change a rating)
    "citizen_rating.asked": "Mời công dân đánh giá trên máy tính bảng của quầy (chờ tối đa {minutes} phút).",
    "citizen_rating.arrived": "Công dân đã đánh giá hồ sơ {code}: {level}.",
    "citizen_rating.not_rated": "Hồ sơ {code}: công dân không đánh giá (hết thời gian chờ).",
    # the dossier's history
    "event.not_rated": "Công dân không đánh giá",
}
