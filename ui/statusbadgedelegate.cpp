#include "ui/statusbadgedelegate.h"

#include "core/tenant.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace Tenantry {

namespace {

constexpr int horizontalPadding = 8;
constexpr int verticalMargin = 3;

struct BadgeColours
{
    QColor fill;
    QColor text;
};

BadgeColours coloursFor(int status)
{
    switch (static_cast<TenantStatus>(status)) {
    case TenantStatus::Active:
        return {QColor(0xc8, 0xf0, 0xd2), QColor(0x0b, 0x4a, 0x1e)};
    case TenantStatus::Suspended:
        return {QColor(0xff, 0xe0, 0xb0), QColor(0x6b, 0x3a, 0x00)};
    case TenantStatus::Deleted:
        return {QColor(0xe4, 0xe4, 0xe7), QColor(0x3f, 0x3f, 0x46)};
    }
    return {QColor(0xe4, 0xe4, 0xe7), QColor(0x3f, 0x3f, 0x46)};
}

} // namespace

StatusBadgeDelegate::StatusBadgeDelegate(int statusRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_statusRole(statusRole)
{}

void StatusBadgeDelegate::paint(QPainter *painter,
                                const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    const QString text = background.text;
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const BadgeColours colours = coloursFor(index.data(m_statusRole).toInt());
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(text) + 2 * horizontalPadding;
    const int height = std::min(metrics.height() + 2, option.rect.height() - 2 * verticalMargin);
    const QRect badge(option.rect.left() + 4,
                      option.rect.center().y() - height / 2,
                      std::min(width, option.rect.width() - 8),
                      height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge), height / 2.0, height / 2.0);
    painter->fillPath(path, colours.fill);
    painter->setPen(colours.text);
    painter->setFont(option.font);
    painter->drawText(badge,
                      Qt::AlignCenter,
                      metrics.elidedText(text, Qt::ElideRight, badge.width() - horizontalPadding));
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += 2 * horizontalPadding + 8;
    return size;
}

} // namespace Tenantry
