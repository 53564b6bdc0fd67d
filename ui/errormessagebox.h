#pragma once

// A window-modal message for a failed API call: what happened, the server's message and the
// request id, all selectable so that people can copy them into a support ticket. Opened with
// open() (no nested event loop) and deleted when closed.

#include "client/apierror.h"

#include <QMessageBox>

namespace Tenantry {

class ErrorMessageBox : public QMessageBox
{
    Q_OBJECT

public:
    ErrorMessageBox(const QString &title, const ApiError &error, QWidget *parent);

    // Makes one and opens it.
    static ErrorMessageBox *showError(QWidget *parent, const QString &title, const ApiError &error);
};

} // namespace Tenantry
