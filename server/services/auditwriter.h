#pragma once

#include "core/result.h"
#include "server/api/principal.h"
#include "server/store/storetransaction.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace Tenantry::Server {

// What one audited change was: written in the same transaction as the change itself, so that
// the audit log and the data never disagree.
struct AuditEntry
{
    std::string action;     // "tenant.updated"
    std::string targetType; // "tenant"
    std::string targetId;
    std::optional<std::string> tenantId;
    const nlohmann::json *before = nullptr; // null: nothing before (a creation)
    const nlohmann::json *after = nullptr;  // null: nothing after
};

Status writeAudit(StoreTransaction &transaction,
                  const Principal &actor,
                  const std::string &requestId,
                  Timestamp now,
                  const AuditEntry &entry);

} // namespace Tenantry::Server
