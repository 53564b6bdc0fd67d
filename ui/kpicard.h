#pragma once

// One figure of the finance dashboard: a title, the value for the selected month (or, when the
// engine gives none, the reason why), the change against the month before, and an optional
// note (LTV:CAC's 3.0 target). The raw value (minor units, a count or a ratio) is kept beside
// the text, for tests and exports.

#include <QFrame>
#include <QVariant>

class QLabel;

namespace Tenantry {

class KpiCard : public QFrame
{
    Q_OBJECT

public:
    enum class Tone { Neutral, Good, Bad };

    explicit KpiCard(const QString &title, QWidget *parent = nullptr);

    void setValue(const QString &text, const QVariant &raw);
    // No value: `reason` says why ("No new customers this month").
    void setUndefined(const QString &reason);
    void setChange(const QString &text, Tone tone);
    void setNote(const QString &text, Tone tone);

    QString title() const;
    QString valueText() const;
    QString changeText() const;
    QString noteText() const;
    // Minor units or a count (qint64), a ratio (double); invalid when undefined.
    QVariant rawValue() const { return m_raw; }
    bool isDefined() const { return m_raw.isValid(); }

private:
    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_change;
    QLabel *m_note;
    QVariant m_raw;
};

} // namespace Tenantry
