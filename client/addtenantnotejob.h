#pragma once

#include "client/apijob.h"
#include "client/note.h"

namespace Tenantry {

// POST /v1/tenants/{id}/notes: adds an internal note, authored by the signed-in user. start()
// again after a failure retries with the same Idempotency-Key (one note, however many tries).
class AddTenantNoteJob : public ApiJob
{
    Q_OBJECT

public:
    AddTenantNoteJob(ApiClient *client,
                     const QString &tenantId,
                     const QString &body,
                     QObject *parent = nullptr);

    const Note &note() const { return m_note; }

protected:
    void handleSuccess(const QByteArray &body) override;

private:
    Note m_note;
};

} // namespace Tenantry
