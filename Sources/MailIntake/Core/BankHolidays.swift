/// England and Wales bank holidays, computed for any year (with the one-off changes of
/// recent years), so the office calendar needs no yearly list.
public enum BankHolidays {
    /// Every bank holiday of `year`, with its name.
    public static func englandAndWales(_ year: Int) -> [LocalDay: String] {
        var out: [LocalDay: String] = [:]
        // New Year's Day, or the Monday after when it falls at a weekend.
        let jan1 = LocalDay(year: year, month: 1, day: 1)
        out[jan1.isWeekend ? jan1.adding(days: jan1.isoWeekday == 6 ? 2 : 1) : jan1] = "New Year's Day"
        let easter = easterSunday(year)
        out[easter.adding(days: -2)] = "Good Friday"
        out[easter.adding(days: 1)] = "Easter Monday"
        // Early May: first Monday of May (moved to Friday 8 May for VE Day in 1995 and 2020).
        if year == 1995 || year == 2020 {
            out[LocalDay(year: year, month: 5, day: 8)] = "Early May bank holiday (VE Day)"
        } else {
            out[firstMonday(year: year, month: 5)] = "Early May bank holiday"
        }
        // Spring: last Monday of May, moved in jubilee years.
        switch year {
        case 2002:
            out[LocalDay(year: 2002, month: 6, day: 3)] = "Golden Jubilee"
            out[LocalDay(year: 2002, month: 6, day: 4)] = "Spring bank holiday"
        case 2012:
            out[LocalDay(year: 2012, month: 6, day: 4)] = "Spring bank holiday"
            out[LocalDay(year: 2012, month: 6, day: 5)] = "Diamond Jubilee"
        case 2022:
            out[LocalDay(year: 2022, month: 6, day: 2)] = "Spring bank holiday"
            out[LocalDay(year: 2022, month: 6, day: 3)] = "Platinum Jubilee"
        default:
            out[lastMonday(year: year, month: 5)] = "Spring bank holiday"
        }
        out[lastMonday(year: year, month: 8)] = "Summer bank holiday"
        // Christmas and Boxing Day, with substitute weekdays.
        let christmas = LocalDay(year: year, month: 12, day: 25)
        switch christmas.isoWeekday {
        case 5:  // Friday: Boxing Day (Saturday) moves to Monday 28th
            out[christmas] = "Christmas Day"
            out[christmas.adding(days: 3)] = "Boxing Day (substitute day)"
        case 6:  // Saturday
            out[christmas.adding(days: 2)] = "Christmas Day (substitute day)"
            out[christmas.adding(days: 3)] = "Boxing Day (substitute day)"
        case 7:  // Sunday
            out[christmas.adding(days: 1)] = "Boxing Day"
            out[christmas.adding(days: 2)] = "Christmas Day (substitute day)"
        default:
            out[christmas] = "Christmas Day"
            out[christmas.adding(days: 1)] = "Boxing Day"
        }
        // One-off national days.
        switch year {
        case 2011: out[LocalDay(year: 2011, month: 4, day: 29)] = "Royal wedding"
        case 2022: out[LocalDay(year: 2022, month: 9, day: 19)] = "State funeral of Queen Elizabeth II"
        case 2023: out[LocalDay(year: 2023, month: 5, day: 8)] = "Coronation of King Charles III"
        case 1999: out[LocalDay(year: 1999, month: 12, day: 31)] = "Millennium celebrations"
        default: break
        }
        return out
    }

    /// Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm).
    public static func easterSunday(_ year: Int) -> LocalDay {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDay(year: year, month: month, day: day)
    }

    static func firstMonday(year: Int, month: Int) -> LocalDay {
        let first = LocalDay(year: year, month: month, day: 1)
        return first.adding(days: (8 - first.isoWeekday) % 7)
    }

    static func lastMonday(year: Int, month: Int) -> LocalDay {
        let last = LocalDay(year: year, month: month, day: LocalDay.daysIn(month: month, year: year))
        return last.adding(days: -((last.isoWeekday - 1) % 7))
    }
}
