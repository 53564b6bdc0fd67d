#include "ui/statusbadge.h"

namespace Tenantry {

StatusBadge::StatusBadge(QWidget *parent)
    : QLabel(parent)
{
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    setStatus(QString(), Tone::Neutral);
}

void StatusBadge::setStatus(const QString &text, Tone tone)
{
    m_tone = tone;
    setText(text);
    setVisible(!text.isEmpty());
    QString colors;
    switch (tone) {
    case Tone::Good:
        colors = QStringLiteral("background:#dff3e4; color:#135d2b; border:1px solid #9fd3ad;");
        break;
    case Tone::Warning:
        colors = QStringLiteral("background:#fff1d6; color:#7a4b00; border:1px solid #f0c36d;");
        break;
    case Tone::Bad:
        colors = QStringLiteral("background:#fbe0e0; color:#8a1c1c; border:1px solid #e9a3a3;");
        break;
    case Tone::Neutral:
        colors = QStringLiteral("background:#eceff3; color:#39424e; border:1px solid #c9d0d9;");
        break;
    }
    setStyleSheet(QStringLiteral("QLabel { border-radius:8px; padding:1px 8px; font-weight:600; ")
                  + colors + QStringLiteral(" }"));
}

} // namespace Tenantry
