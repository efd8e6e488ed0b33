# Czech formats as Czech offices write them (ČSN 01 6910): "6. 12. 2021", "6. 12. 2021 14:30".
# Django's own Czech locale writes short dates without the spaces ("06.12.2021").
DATE_FORMAT = "j. n. Y"
SHORT_DATE_FORMAT = "j. n. Y"
DATETIME_FORMAT = "j. n. Y G:i"
SHORT_DATETIME_FORMAT = "j. n. Y G:i"
TIME_FORMAT = "G:i"
MONTH_DAY_FORMAT = "j. n."
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = [
    "%d. %m. %Y",  # '6. 12. 2021'
    "%d.%m.%Y",  # '6.12.2021'
    "%d. %m. %y",
    "%d.%m.%y",
    "%Y-%m-%d",  # ISO, what <input type="date"> sends
]
DATETIME_INPUT_FORMATS = [
    "%d. %m. %Y %H:%M:%S",
    "%d. %m. %Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
