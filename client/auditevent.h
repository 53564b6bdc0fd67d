#pragma once

#include "core/timestamp.h"

#include <QJsonObject>

#include <string>

namespace Tenantry {

// One change made through the API: who did what to which object, with the object before and
// after (empty objects where the contract has null).
struct AuditEvent
{
    std::string id;
    std::string actorId; // a user id, or "system"
    std::string actorEmail;
    std::string action; // "tenant.suspended", ...
    std::string targetType;
    std::string targetId;
    QJsonObject before;
    QJsonObject after;
    std::string requestId;
    Timestamp createdAt{};
};

} // namespace Tenantry
