#include "ui/kpicard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Tenantry {

namespace {

QString toneColor(KpiCard::Tone tone)
{
    switch (tone) {
    case KpiCard::Tone::Good:
        return QStringLiteral("#135d2b");
    case KpiCard::Tone::Bad:
        return QStringLiteral("#8a1c1c");
    case KpiCard::Tone::Neutral:
        break;
    }
    return QStringLiteral("#39424e");
}

} // namespace

KpiCard::KpiCard(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(this))
    , m_change(new QLabel(this))
    , m_note(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("kpiCard"));
    setStyleSheet(QStringLiteral("Tenantry--KpiCard { background: palette(base);"
                                 " border: 1px solid #c9d0d9; border-radius: 6px; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    m_title->setObjectName(QStringLiteral("kpiTitle"));
    m_title->setStyleSheet(QStringLiteral("color: #5b6573;"));
    m_value->setObjectName(QStringLiteral("kpiValue"));
    m_value->setWordWrap(true);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.5);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_change->setObjectName(QStringLiteral("kpiChange"));
    m_change->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("kpiNote"));
    m_note->setWordWrap(true);
    m_note->setVisible(false);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    layout->addWidget(m_note);
    layout->addStretch(1);
    setMinimumWidth(190);
}

void KpiCard::setValue(const QString &text, const QVariant &raw)
{
    m_raw = raw;
    QFont font = m_value->font();
    font.setPointSizeF(m_title->font().pointSizeF() * 1.5);
    font.setBold(true);
    m_value->setFont(font);
    m_value->setStyleSheet(QString());
    m_value->setText(text);
}

void KpiCard::setUndefined(const QString &reason)
{
    m_raw = QVariant();
    QFont font = m_title->font();
    font.setItalic(true);
    m_value->setFont(font);
    m_value->setStyleSheet(QStringLiteral("color: #5b6573;"));
    m_value->setText(reason);
}

void KpiCard::setChange(const QString &text, Tone tone)
{
    m_change->setText(text);
    m_change->setStyleSheet(QStringLiteral("color: %1;").arg(toneColor(tone)));
}

void KpiCard::setNote(const QString &text, Tone tone)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
    m_note->setStyleSheet(QStringLiteral("color: %1; font-weight: 600;").arg(toneColor(tone)));
}

QString KpiCard::title() const
{
    return m_title->text();
}

QString KpiCard::valueText() const
{
    return m_value->text();
}

QString KpiCard::changeText() const
{
    return m_change->text();
}

QString KpiCard::noteText() const
{
    return m_note->text();
}

} // namespace Tenantry
