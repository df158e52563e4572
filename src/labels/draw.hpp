#pragma once
// Drawing a layout with cairo + pango. The context's user space must be
// millimetres. Private to labels/: cairo types never leave this folder.
#include <cairo.h>

#include "layout.hpp"

namespace tracker::labels {

// Barcode modules snap to whole dots of grid_dpi (the printer's grid).
// skip_barcodes and skip_text let the ZPL back end draw only what it
// sends as graphics.
struct DrawOptions {
  int grid_dpi = 203;
  bool barcodes = true;
  bool text = true;
  bool lines = true;
};

void draw_label(cairo_t* cr, const Layout& layout, const LabelData& data, const DrawOptions& opts);
// One text or tag element, as draw_label draws it.
void draw_element_text(cairo_t* cr, const Layout& layout, const Element& e, const LabelData& data);

// Whole dots of grid_dpi per module so that `modules` fit in `box_mm`
// (at least 1).
int module_dots(double box_mm, int modules, int grid_dpi);

}  // namespace tracker::labels
