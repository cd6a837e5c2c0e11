"""Vietnamese words of :mod:`counter_app.locale.formats`: dates in words, money, durations."""

MESSAGES: dict[str, str] = {
    "fmt.weekday.0": "Thứ Hai",
    "fmt.weekday.1": "Thứ Ba",
    "fmt.weekday.2": "Thứ Tư",
    "fmt.weekday.3": "Thứ Năm",
    "fmt.weekday.4": "Thứ Sáu",
    "fmt.weekday.5": "Thứ Bảy",
    "fmt.weekday.6": "Chủ Nhật",
    "fmt.date": "ngày {day} tháng {month} năm {year}",
    "fmt.time": "{hour} giờ {minute} phút, {date}",
    "fmt.place_date": "{place}, {date}",
    "fmt.time_cell": "{hour} giờ {minute} phút\n{date}",
    "fmt.money": "{amount} đồng",
    "fmt.free": "Không thu",
    "fmt.same_day": "Trong ngày",
    "fmt.working_days": "{days} ngày làm việc",
    "fmt.duration": "{minutes} phút {seconds} giây",
    "fmt.hours": "{hours} giờ",
    "fmt.days": "{days} ngày",
    "fmt.left": "còn {amount}",
    "fmt.late": "trễ {amount}",
}
