#include "ui/errormessagebox.h"

#include "ui/displaytext.h"

namespace Tenantry {

ErrorMessageBox::ErrorMessageBox(const QString &title, const ApiError &error, QWidget *parent)
    : QMessageBox(parent)
{
    setObjectName(QStringLiteral("errorMessage"));
    setAttribute(Qt::WA_DeleteOnClose);
    setIcon(error.kind() == ApiError::Kind::Forbidden ? QMessageBox::Warning
                                                      : QMessageBox::Critical);
    setWindowTitle(title);
    setText(title);
    setInformativeText(DisplayText::error(error));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setStandardButtons(QMessageBox::Close);
    setWindowModality(Qt::WindowModal);
}

ErrorMessageBox *ErrorMessageBox::showError(QWidget *parent,
                                            const QString &title,
                                            const ApiError &error)
{
    auto *box = new ErrorMessageBox(title, error, parent);
    box->open();
    return box;
}

} // namespace Tenantry
