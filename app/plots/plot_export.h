// Saves a plot widget as PNG or SVG (Session page "Export", --screenshot, docs). GUI thread only.
// QCustomPlot-based widgets are exported through QCustomPlot itself (vector SVG via
// QSvgGenerator + toPainter); any other widget (TopologyView, FramePreview) is rendered.
#pragma once

#include <QString>

class QCustomPlot;
class QWidget;

namespace cleave::studio {

// The first QCustomPlot in `widget` (itself or a child); nullptr when there is none.
QCustomPlot* findPlot(QWidget* widget);

// Throw std::runtime_error naming the path when the file cannot be written. Width/height 0 use
// the widget's current size.
void savePlotPng(QCustomPlot* plot, const QString& path, int width = 0, int height = 0,
                 double scale = 1.0);
void savePlotSvg(QCustomPlot* plot, const QString& path, int width = 0, int height = 0);

// By suffix: ".png" or ".svg" (anything else throws std::invalid_argument).
void exportWidget(QWidget* widget, const QString& path, int width = 0, int height = 0);

}  // namespace cleave::studio
