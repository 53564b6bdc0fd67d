#pragma once

#include "client/billingdrift.h"
#include "ui/recordtablemodel.h"

#include <QCoreApplication>

#include <map>
#include <string>

namespace Tenantry {

// What a reconciliation found (GET /v1/billing/drift?job_id=): one row per difference, what the
// console has against what the billing provider has, and whether the provider's value was
// applied.
class BillingDriftTableModel : public RecordTableModel<BillingDrift>
{
    Q_OBJECT

public:
    enum Column { Kind, Tenant, Local, Provider, Applied, ColumnCount };
    Q_ENUM(Column)
    enum Role { DriftIdRole = Qt::UserRole + 1, AppliedRole, TenantIdRole };

    explicit BillingDriftTableModel(QObject *parent = nullptr);

    // Rows name their tenant by id until its name is known.
    void setTenantName(const std::string &tenantId, const QString &name);
    QString tenantName(const std::string &tenantId) const;

    // "Status differs", … for a drift kind.
    static QString kindText(const std::string &kind);
    // What one side says about what `kind` concerns ("Active", "price_pro_usd", "3"), or a whole
    // summary where the subscription is missing on the other side; "none" for a missing side.
    static QString sideText(const QJsonObject &side, const std::string &kind);
    // For the confirmation: what applying the row changes, in a sentence.
    static QString changeText(const BillingDrift &drift);

protected:
    int columnTotal() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const BillingDrift &record, int column, int role) const override;

private:
    std::map<std::string, QString> m_tenantNames;
};

} // namespace Tenantry
