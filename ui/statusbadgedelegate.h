#pragma once

// Draws a tenant's status as a rounded badge. The badge colours are the only fixed colours of the
// console: a dark text on a light fill that reads the same on light and dark palettes.

#include <QStyledItemDelegate>

namespace Tenantry {

class StatusBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // What the status role holds: int(TenantStatus), or int(StatusBadge::Tone) for statuses of
    // other kinds (the model decides their tone).
    enum class Values { TenantStatus, Tone };

    // `statusRole` holds int(TenantStatus); the display role holds the text.
    explicit StatusBadgeDelegate(int statusRole, QObject *parent = nullptr);
    StatusBadgeDelegate(int statusRole, Values values, QObject *parent = nullptr);

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_statusRole;
    Values m_values = Values::TenantStatus;
};

} // namespace Tenantry
