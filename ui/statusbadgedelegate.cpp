#include "ui/statusbadgedelegate.h"

#include "core/tenant.h"
#include "ui/statusbadge.h"

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

// The colours of StatusBadge's tones.
BadgeColours coloursForTone(int tone)
{
    switch (static_cast<StatusBadge::Tone>(tone)) {
    case StatusBadge::Tone::Good:
        return {QColor(0xdf, 0xf3, 0xe4), QColor(0x13, 0x5d, 0x2b)};
    case StatusBadge::Tone::Warning:
        return {QColor(0xff, 0xf1, 0xd6), QColor(0x7a, 0x4b, 0x00)};
    case StatusBadge::Tone::Bad:
        return {QColor(0xfb, 0xe0, 0xe0), QColor(0x8a, 0x1c, 0x1c)};
    case StatusBadge::Tone::Neutral:
        break;
    }
    return {QColor(0xec, 0xef, 0xf3), QColor(0x39, 0x42, 0x4e)};
}

} // namespace

StatusBadgeDelegate::StatusBadgeDelegate(int statusRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_statusRole(statusRole)
{}

StatusBadgeDelegate::StatusBadgeDelegate(int statusRole, Values values, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_statusRole(statusRole)
    , m_values(values)
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

    const int status = index.data(m_statusRole).toInt();
    const BadgeColours colours = m_values == Values::Tone ? coloursForTone(status)
                                                          : coloursFor(status);
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
