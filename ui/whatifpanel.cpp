#include "ui/whatifpanel.h"

#include "ui/displayformat.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>

#include <cmath>

namespace Tenantry {

namespace {

QDoubleSpinBox *percentBox(const QString &name, double minimum, double maximum, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(minimum, maximum);
    box->setDecimals(1);
    box->setSingleStep(5);
    box->setSuffix(QStringLiteral(" %"));
    return box;
}

QLabel *valueLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return label;
}

} // namespace

WhatIfPanel::WhatIfPanel(QWidget *parent)
    : QGroupBox(tr("What if: LTV, LTV:CAC and payback for other ARPA, churn, CAC and margin"),
                parent)
    , m_arpa(percentBox(QStringLiteral("whatIfArpa"), -90, 300, this))
    , m_churn(percentBox(QStringLiteral("whatIfChurn"), -100, 300, this))
    , m_cac(percentBox(QStringLiteral("whatIfCac"), -90, 300, this))
    , m_margin(percentBox(QStringLiteral("whatIfMargin"), 1, 100, this))
    , m_inputs(new QLabel(this))
    , m_actualLtv(valueLabel(QStringLiteral("actualLtv"), this))
    , m_actualRatio(valueLabel(QStringLiteral("actualLtvCac"), this))
    , m_actualPayback(valueLabel(QStringLiteral("actualPayback"), this))
    , m_ltv(valueLabel(QStringLiteral("whatIfLtv"), this))
    , m_ratio(valueLabel(QStringLiteral("whatIfLtvCac"), this))
    , m_payback(valueLabel(QStringLiteral("whatIfPayback"), this))
{
    setObjectName(QStringLiteral("whatIfPanel"));
    m_inputs->setObjectName(QStringLiteral("whatIfInputs"));
    m_inputs->setWordWrap(true);
    auto *resetButton = new QPushButton(tr("Back to actuals"), this);
    resetButton->setObjectName(QStringLiteral("whatIfReset"));

    auto *grid = new QGridLayout(this);
    grid->addWidget(new QLabel(tr("ARPA change"), this), 0, 0);
    grid->addWidget(m_arpa, 0, 1);
    grid->addWidget(new QLabel(tr("Churn change"), this), 0, 2);
    grid->addWidget(m_churn, 0, 3);
    grid->addWidget(new QLabel(tr("CAC change"), this), 0, 4);
    grid->addWidget(m_cac, 0, 5);
    grid->addWidget(new QLabel(tr("Gross margin"), this), 0, 6);
    grid->addWidget(m_margin, 0, 7);
    grid->addWidget(resetButton, 0, 8);
    grid->addWidget(m_inputs, 1, 0, 1, 9);

    const auto header = [this](const QString &text) {
        auto *label = new QLabel(text, this);
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return label;
    };
    grid->addWidget(header(tr("LTV")), 2, 1);
    grid->addWidget(header(tr("LTV:CAC")), 2, 3);
    grid->addWidget(header(tr("CAC payback")), 2, 5);
    grid->addWidget(new QLabel(tr("Actual"), this), 3, 0);
    grid->addWidget(m_actualLtv, 3, 1);
    grid->addWidget(m_actualRatio, 3, 3);
    grid->addWidget(m_actualPayback, 3, 5);
    grid->addWidget(new QLabel(tr("What if"), this), 4, 0);
    grid->addWidget(m_ltv, 4, 1);
    grid->addWidget(m_ratio, 4, 3);
    grid->addWidget(m_payback, 4, 5);
    grid->setColumnStretch(9, 1);

    for (QDoubleSpinBox *box : {m_arpa, m_churn, m_cac, m_margin})
        connect(box, &QDoubleSpinBox::valueChanged, this, &WhatIfPanel::update);
    connect(resetButton, &QPushButton::clicked, this, &WhatIfPanel::reset);
    reset();
}

void WhatIfPanel::setActual(const PeriodMetrics *actual,
                            const Currency &currency,
                            const SeriesOptions &options)
{
    const bool marginChanged = options.grossMargin != m_options.grossMargin;
    m_actual = actual ? std::optional<PeriodMetrics>(*actual) : std::nullopt;
    m_currency = currency;
    m_options = options;
    if (marginChanged) {
        const QSignalBlocker blocker(m_margin);
        m_margin->setValue(m_options.grossMargin * 100.0);
    }
    update();
}

void WhatIfPanel::reset()
{
    WhatIfChange change;
    change.grossMargin = m_options.grossMargin;
    setChange(change);
}

void WhatIfPanel::setChange(const WhatIfChange &change)
{
    {
        const QSignalBlocker arpa(m_arpa);
        const QSignalBlocker churn(m_churn);
        const QSignalBlocker cac(m_cac);
        const QSignalBlocker margin(m_margin);
        m_arpa->setValue((change.arpaFactor - 1.0) * 100.0);
        m_churn->setValue((change.churnFactor - 1.0) * 100.0);
        m_cac->setValue((change.cacFactor - 1.0) * 100.0);
        m_margin->setValue(change.grossMargin * 100.0);
    }
    update();
}

WhatIfChange WhatIfPanel::change() const
{
    WhatIfChange change;
    change.arpaFactor = 1.0 + m_arpa->value() / 100.0;
    change.churnFactor = 1.0 + m_churn->value() / 100.0;
    change.cacFactor = 1.0 + m_cac->value() / 100.0;
    change.grossMargin = m_margin->value() / 100.0;
    return change;
}

QString WhatIfPanel::money(double minorUnits) const
{
    // A projection, shown in the currency's minor units rounded half up.
    return DisplayFormat::money(Money(static_cast<std::int64_t>(std::floor(minorUnits + 0.5)),
                                      m_currency.value_or(*Currency::fromCode("usd"))));
}

void WhatIfPanel::update()
{
    const QString none = QStringLiteral("\u2013");
    if (!m_actual) {
        m_result = {};
        for (QLabel *label :
             {m_actualLtv, m_actualRatio, m_actualPayback, m_ltv, m_ratio, m_payback}) {
            label->setText(none);
        }
        m_inputs->clear();
        return;
    }
    const PeriodMetrics &m = *m_actual;
    m_result = computeWhatIf(m, change(), m_options);
    const QLocale locale;
    m_actualLtv->setText(m.ltv ? money(static_cast<double>(*m.ltv)) : none);
    m_actualRatio->setText(m.ltvCacRatio ? locale.toString(*m.ltvCacRatio, 'f', 2) : none);
    m_actualPayback->setText(
        m.paybackMonths ? tr("%1 months").arg(locale.toString(*m.paybackMonths, 'f', 1)) : none);
    m_ltv->setText(m_result.ltv ? money(static_cast<double>(*m_result.ltv)) : none);
    m_ratio->setText(m_result.ltvCacRatio ? locale.toString(*m_result.ltvCacRatio, 'f', 2) : none);
    m_payback->setText(m_result.paybackMonths
                           ? tr("%1 months").arg(locale.toString(*m_result.paybackMonths, 'f', 1))
                           : none);
    m_inputs->setText(
        tr("Scenario: ARPA %1, churn %2, CAC %3")
            .arg(m_result.arpa ? money(*m_result.arpa) : none,
                 m_result.churnRate
                     ? locale.toString(*m_result.churnRate * 100.0, 'f', 2) + locale.percent()
                     : none,
                 m_result.cac ? money(*m_result.cac) : none));
}

} // namespace Tenantry
