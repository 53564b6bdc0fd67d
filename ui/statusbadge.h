#pragma once

#include <QLabel>

namespace Tenantry {

// A status as a small coloured pill ("Active", "Past due"). The tone carries the meaning; the
// text always says it too (colour is never the only signal).
class StatusBadge : public QLabel
{
    Q_OBJECT

public:
    enum class Tone { Neutral, Good, Warning, Bad };

    explicit StatusBadge(QWidget *parent = nullptr);

    void setStatus(const QString &text, Tone tone);
    Tone tone() const { return m_tone; }

private:
    Tone m_tone = Tone::Neutral;
};

} // namespace Tenantry
