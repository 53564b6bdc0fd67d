#include "core/currency.h"

#include <algorithm>
#include <cstddef>

namespace Tenantry {

namespace {

struct CurrencyEntry
{
    std::string_view code;
    int exponent;
};

// ISO 4217 List One (active codes), lower case, sorted by code, with each code's minor unit.
// Based on the list as amended up to 2024: HRK (euro since 2023-01-01) and ZWL (replaced by
// ZWG in 2024) are withdrawn; ZWG and XCG are in. Codes in a published transition period
// (ANG -> XCG, SLL -> SLE) are both listed so that amounts already on record still parse.
// Codes for which ISO gives no minor unit ("N.A.": precious metals, bond-market units, XDR,
// XSU, XUA, XTS, XXX) are counted in whole units, exponent 0.
constexpr CurrencyEntry kCurrencies[] = {
    {"aed", 2}, {"afn", 2}, {"all", 2}, {"amd", 2}, {"ang", 2}, {"aoa", 2}, {"ars", 2}, {"aud", 2},
    {"awg", 2}, {"azn", 2}, {"bam", 2}, {"bbd", 2}, {"bdt", 2}, {"bgn", 2}, {"bhd", 3}, {"bif", 0},
    {"bmd", 2}, {"bnd", 2}, {"bob", 2}, {"bov", 2}, {"brl", 2}, {"bsd", 2}, {"btn", 2}, {"bwp", 2},
    {"byn", 2}, {"bzd", 2}, {"cad", 2}, {"cdf", 2}, {"che", 2}, {"chf", 2}, {"chw", 2}, {"clf", 4},
    {"clp", 0}, {"cny", 2}, {"cop", 2}, {"cou", 2}, {"crc", 2}, {"cuc", 2}, {"cup", 2}, {"cve", 2},
    {"czk", 2}, {"djf", 0}, {"dkk", 2}, {"dop", 2}, {"dzd", 2}, {"egp", 2}, {"ern", 2}, {"etb", 2},
    {"eur", 2}, {"fjd", 2}, {"fkp", 2}, {"gbp", 2}, {"gel", 2}, {"ghs", 2}, {"gip", 2}, {"gmd", 2},
    {"gnf", 0}, {"gtq", 2}, {"gyd", 2}, {"hkd", 2}, {"hnl", 2}, {"htg", 2}, {"huf", 2}, {"idr", 2},
    {"ils", 2}, {"inr", 2}, {"iqd", 3}, {"irr", 2}, {"isk", 0}, {"jmd", 2}, {"jod", 3}, {"jpy", 0},
    {"kes", 2}, {"kgs", 2}, {"khr", 2}, {"kmf", 0}, {"kpw", 2}, {"krw", 0}, {"kwd", 3}, {"kyd", 2},
    {"kzt", 2}, {"lak", 2}, {"lbp", 2}, {"lkr", 2}, {"lrd", 2}, {"lsl", 2}, {"lyd", 3}, {"mad", 2},
    {"mdl", 2}, {"mga", 2}, {"mkd", 2}, {"mmk", 2}, {"mnt", 2}, {"mop", 2}, {"mru", 2}, {"mur", 2},
    {"mvr", 2}, {"mwk", 2}, {"mxn", 2}, {"mxv", 2}, {"myr", 2}, {"mzn", 2}, {"nad", 2}, {"ngn", 2},
    {"nio", 2}, {"nok", 2}, {"npr", 2}, {"nzd", 2}, {"omr", 3}, {"pab", 2}, {"pen", 2}, {"pgk", 2},
    {"php", 2}, {"pkr", 2}, {"pln", 2}, {"pyg", 0}, {"qar", 2}, {"ron", 2}, {"rsd", 2}, {"rub", 2},
    {"rwf", 0}, {"sar", 2}, {"sbd", 2}, {"scr", 2}, {"sdg", 2}, {"sek", 2}, {"sgd", 2}, {"shp", 2},
    {"sle", 2}, {"sll", 2}, {"sos", 2}, {"srd", 2}, {"ssp", 2}, {"stn", 2}, {"svc", 2}, {"syp", 2},
    {"szl", 2}, {"thb", 2}, {"tjs", 2}, {"tmt", 2}, {"tnd", 3}, {"top", 2}, {"try", 2}, {"ttd", 2},
    {"twd", 2}, {"tzs", 2}, {"uah", 2}, {"ugx", 0}, {"usd", 2}, {"usn", 2}, {"uyi", 0}, {"uyu", 2},
    {"uyw", 4}, {"uzs", 2}, {"ved", 2}, {"ves", 2}, {"vnd", 0}, {"vuv", 0}, {"wst", 2}, {"xaf", 0},
    {"xag", 0}, {"xau", 0}, {"xba", 0}, {"xbb", 0}, {"xbc", 0}, {"xbd", 0}, {"xcd", 2}, {"xcg", 2},
    {"xdr", 0}, {"xof", 0}, {"xpd", 0}, {"xpf", 0}, {"xpt", 0}, {"xsu", 0}, {"xts", 0}, {"xua", 0},
    {"xxx", 0}, {"yer", 2}, {"zar", 2}, {"zmw", 2}, {"zwg", 2},
};

constexpr bool isWellFormedTable()
{
    for (std::size_t i = 0; i < std::size(kCurrencies); ++i) {
        const std::string_view code = kCurrencies[i].code;
        if (code.size() != 3)
            return false;
        for (const char c : code) {
            if (c < 'a' || c > 'z')
                return false;
        }
        if (kCurrencies[i].exponent < 0 || kCurrencies[i].exponent > 4)
            return false;
        if (i > 0 && !(kCurrencies[i - 1].code < code))
            return false;
    }
    return true;
}

static_assert(isWellFormedTable(), "the currency table must be sorted, unique and lower case");

constexpr char toLowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::optional<Currency> Currency::fromCode(std::string_view code)
{
    if (code.size() != 3)
        return std::nullopt;

    std::array<char, 3> lower{};
    for (std::size_t i = 0; i < lower.size(); ++i)
        lower[i] = toLowerAscii(code[i]);
    const std::string_view key(lower.data(), lower.size());

    const auto *const begin = std::begin(kCurrencies);
    const auto *const end = std::end(kCurrencies);
    const auto *const it = std::lower_bound(begin,
                                            end,
                                            key,
                                            [](const CurrencyEntry &entry, std::string_view k) {
                                                return entry.code < k;
                                            });
    if (it == end || it->code != key)
        return std::nullopt;
    return Currency(lower, it->exponent);
}

} // namespace Tenantry
