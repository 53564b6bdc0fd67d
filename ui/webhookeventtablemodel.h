#pragma once

#include "client/webhookevent.h"
#include "ui/recordtablemodel.h"

namespace Tenantry {

// The webhook inbox, newest first (GET /v1/webhook-events), one page after the other ("Show
// older" appends). The status column is drawn as a badge (ToneRole holds a StatusBadge::Tone).
class WebhookEventTableModel : public RecordTableModel<WebhookEvent>
{
    Q_OBJECT

public:
    enum Column { Type, Created, Status, Attempts, LastError, NextAttempt, ColumnCount };
    Q_ENUM(Column)
    enum Role { EventIdRole = Qt::UserRole + 1, StatusRole, ToneRole, SortRole };

    explicit WebhookEventTableModel(QObject *parent = nullptr);

    // "Dead", "Processed", … for an API status.
    static QString statusText(const std::string &status);

protected:
    int columnTotal() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const WebhookEvent &record, int column, int role) const override;
};

} // namespace Tenantry
