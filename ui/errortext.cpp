#include "ui/errortext.h"

namespace Tenantry {

QString ErrorText::html(const QString &action, const ApiError &error)
{
    QString text = QStringLiteral("<b>") + action.toHtmlEscaped() + QStringLiteral("</b><br>")
                   + error.message().toHtmlEscaped();
    if (!error.serverMessage().isEmpty())
        text += QStringLiteral("<br>")
                + tr("The server said: %1").arg(error.serverMessage()).toHtmlEscaped();
    if (!error.requestId().isEmpty())
        text += QStringLiteral("<br><small>")
                + tr("Request id: %1").arg(error.requestId()).toHtmlEscaped()
                + QStringLiteral("</small>");
    return text;
}

QString ErrorText::plain(const QString &action, const ApiError &error)
{
    QString text = action + QLatin1Char('\n') + error.message();
    if (!error.serverMessage().isEmpty())
        text += QLatin1Char('\n') + tr("The server said: %1").arg(error.serverMessage());
    if (!error.requestId().isEmpty())
        text += QLatin1Char('\n') + tr("Request id: %1").arg(error.requestId());
    return text;
}

} // namespace Tenantry
