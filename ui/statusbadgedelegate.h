#pragma once

// Draws a tenant's status as a rounded badge. The badge colours are the only fixed colours of the
// console: a dark text on a light fill that reads the same on light and dark palettes.

#include <QStyledItemDelegate>

namespace Tenantry {

class StatusBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // `statusRole` holds int(TenantStatus); the display role holds the text.
    explicit StatusBadgeDelegate(int statusRole, QObject *parent = nullptr);

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_statusRole;
};

} // namespace Tenantry
