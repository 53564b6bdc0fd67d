#pragma once

// JSON codecs for the domain types. nlohmann/json stays behind these functions: callers get
// values or an Error naming the JSON pointer of the offending value, never an exception.
//
// Decoding rules, the same for every type:
// - a missing required field: code "missing_field", path of the field;
// - a value of the wrong JSON type (a string for an integer, a float for minor units, ...):
//   code "invalid_type";
// - a string outside an enum ("status":"sleeping"): code "unknown_enum_value";
// - an unparseable timestamp/currency/month or an out-of-range number: code "invalid_value";
// - unknown extra fields are ignored (forward compatibility with newer servers);
// - an optional field may be absent or null.
// `path` is the pointer of `json` inside its document; error paths are `path` + "/field".

#include "core/acquisitionspend.h"
#include "core/feature.h"
#include "core/invoice.h"
#include "core/money.h"
#include "core/mrrevent.h"
#include "core/plan.h"
#include "core/result.h"
#include "core/subscription.h"
#include "core/tenant.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace Tenantry {

// Parses text as one JSON document. Error code "invalid_json" with the byte offset.
Result<nlohmann::json> parseJson(std::string_view text);

Result<Money> decodeMoney(const nlohmann::json &json,
                          const std::string &path = {}); // {"amount","currency"}
Result<Feature> decodeFeature(const nlohmann::json &json, const std::string &path = {});
Result<Plan> decodePlan(const nlohmann::json &json, const std::string &path = {});
Result<Tenant> decodeTenant(const nlohmann::json &json, const std::string &path = {});
Result<Subscription> decodeSubscription(const nlohmann::json &json, const std::string &path = {});
Result<Invoice> decodeInvoice(const nlohmann::json &json, const std::string &path = {});
Result<AcquisitionSpend> decodeAcquisitionSpend(const nlohmann::json &json,
                                                const std::string &path = {});
Result<MrrEvent> decodeMrrEvent(const nlohmann::json &json, const std::string &path = {});

// A JSON array of events or spend records; element errors carry "/17/..." paths.
Result<std::vector<MrrEvent>> decodeMrrEvents(const nlohmann::json &json,
                                              const std::string &path = {});
Result<std::vector<AcquisitionSpend>> decodeAcquisitionSpends(const nlohmann::json &json,
                                                              const std::string &path = {});

// JSON Lines: one event object per line; blank lines are skipped. An error carries the
// 1-based line number in Error::line and the path inside that line's object ("/mrr").
Result<std::vector<MrrEvent>> decodeMrrEventLines(std::string_view text);

nlohmann::json toJson(const Money &money);
nlohmann::json toJson(const Feature &feature);
nlohmann::json toJson(const Plan &plan);
nlohmann::json toJson(const Tenant &tenant);
nlohmann::json toJson(const Subscription &subscription);
nlohmann::json toJson(const Invoice &invoice);
nlohmann::json toJson(const AcquisitionSpend &spend); // {"month","amount","currency"}
nlohmann::json toJson(const MrrEvent &event);         // plan_id omitted when absent

} // namespace Tenantry
