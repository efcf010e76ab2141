#include "app/shell/settings_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>

#include "app/shell/appearance.h"

namespace cleave::studio {

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Settings"));
  QSettings settings;
  m_language = new QComboBox(this);
  m_language->addItem(tr("System language"), QString());
  for (const QString& lang : availableLanguages())
    m_language->addItem(languageDisplayName(lang), lang);
  m_language->setCurrentIndex(
      std::max(0, m_language->findData(settings.value("appearance/language").toString())));
  m_theme = new QComboBox(this);
  m_theme->addItem(tr("System palette"), "system");
  m_theme->addItem(tr("Light"), "light");
  m_theme->addItem(tr("Dark"), "dark");
  m_theme->setCurrentIndex(
      std::max(0, m_theme->findData(settings.value("appearance/theme", "system").toString())));
  auto* note = new QLabel(tr("A new language applies fully after restarting the studio."), this);
  note->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    save();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* form = new QFormLayout(this);
  form->addRow(tr("Language:"), m_language);
  form->addRow(tr("Palette:"), m_theme);
  form->addRow(note);
  form->addRow(buttons);
}

void SettingsDialog::save() {
  QSettings settings;
  settings.setValue("appearance/language", m_language->currentData());
  settings.setValue("appearance/theme", m_theme->currentData());
  auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
  applyTheme(*app, themeFromString(m_theme->currentData().toString()));
  installTranslators(*app, m_language->currentData().toString());
}

}  // namespace cleave::studio
