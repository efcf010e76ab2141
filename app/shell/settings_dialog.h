// Preferences: language (system or a shipped translation) and light/dark palette, kept in
// QSettings. Applying a language takes effect for windows built afterwards; the dialog says so.
#pragma once

#include <QDialog>

class QComboBox;

namespace cleave::studio {

class SettingsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit SettingsDialog(QWidget* parent = nullptr);

 private:
  void save();

  QComboBox* m_language = nullptr;
  QComboBox* m_theme = nullptr;
};

}  // namespace cleave::studio
