#include "server/services/auditwriter.h"

#include "server/auth/sessiontoken.h"

#include <nlohmann/json.hpp>

namespace Tenantry::Server {

Status writeAudit(StoreTransaction &transaction,
                  const Principal &actor,
                  const std::string &requestId,
                  Timestamp now,
                  const AuditEntry &entry)
{
    AuditRecord record;
    record.id = SessionToken::newId("aud_");
    record.actorId = actor.user.id;
    record.actorEmail = actor.user.email;
    record.action = entry.action;
    record.targetType = entry.targetType;
    record.targetId = entry.targetId;
    record.tenantId = entry.tenantId;
    if (entry.before)
        record.before = entry.before->dump();
    if (entry.after)
        record.after = entry.after->dump();
    record.requestId = requestId;
    record.createdAt = now;
    return transaction.insertAudit(record);
}

} // namespace Tenantry::Server
