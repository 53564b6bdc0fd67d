#pragma once

// Small helpers shared by the tests: reading the data files and comparing CSV tables.

#include "core/json/codecs.h"
#include "core/metrics/mrrledger.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace Tenantry::TestSupport {

inline std::string dataPath(const std::string &relative)
{
    return std::string(TENANTRY_TEST_DATA_DIR) + "/" + relative;
}

inline std::string readText(const std::string &path)
{
    std::ifstream file(path, std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
}

inline std::vector<MrrEvent> loadEvents(const std::string &path)
{
    Result<std::vector<MrrEvent>> events = decodeMrrEventLines(readText(path));
    if (!events)
        qFatal("%s: %s", path.c_str(), events.error().toString().c_str());
    return std::move(events).value();
}

inline std::vector<AcquisitionSpend> loadSpend(const std::string &path)
{
    Result<nlohmann::json> json = parseJson(readText(path));
    if (!json)
        qFatal("%s: %s", path.c_str(), json.error().toString().c_str());
    Result<std::vector<AcquisitionSpend>> spend = decodeAcquisitionSpends(*json);
    if (!spend)
        qFatal("%s: %s", path.c_str(), spend.error().toString().c_str());
    return std::move(spend).value();
}

// The text with every run of spaces folded into one, for finding rows of aligned tables.
inline std::string squeezeSpaces(const std::string &text)
{
    std::string result;
    for (const char c : text) {
        if (c != ' ' || result.empty() || result.back() != ' ')
            result.push_back(c);
    }
    return result;
}

using CsvTable = std::vector<std::vector<std::string>>;

// Plain CSV as the engine writes it: no quoting, one record per line.
inline CsvTable parseCsv(const std::string &text)
{
    CsvTable table;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = line.find(',', start);
            cells.push_back(line.substr(start, comma - start));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        table.push_back(std::move(cells));
    }
    return table;
}

// Compares two CSV tables cell by cell; a mismatch names the row's first cell and the column.
inline bool compareCsv(const std::string &actualText,
                       const std::string &expectedText,
                       std::string &mismatch)
{
    const CsvTable actual = parseCsv(actualText);
    const CsvTable expected = parseCsv(expectedText);
    if (actual.size() != expected.size()) {
        mismatch = "row count " + std::to_string(actual.size()) + " != expected "
                   + std::to_string(expected.size());
        return false;
    }
    for (std::size_t r = 0; r < expected.size(); ++r) {
        if (actual[r].size() != expected[r].size()) {
            mismatch = "row " + std::to_string(r) + " has " + std::to_string(actual[r].size())
                       + " cells, expected " + std::to_string(expected[r].size());
            return false;
        }
        for (std::size_t c = 0; c < expected[r].size(); ++c) {
            if (actual[r][c] != expected[r][c]) {
                mismatch = expected[r][0] + " / " + expected[0][c] + ": got '" + actual[r][c]
                           + "', expected '" + expected[r][c] + "'";
                return false;
            }
        }
    }
    return true;
}

} // namespace Tenantry::TestSupport
