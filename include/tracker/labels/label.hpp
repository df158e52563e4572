#pragma once
// Shipment labels from one layout description (labels/*.json, millimetres)
// into three back ends: PDF and PNG (cairo + pango, fonts embedded, text
// shaped so every Vietnamese diacritic is right) and ZPL for thermal
// printers. CPU-bound: call from the worker pool. A LabelRenderer is
// immutable after load(): thread-safe.
#include <memory>
#include <string>
#include <vector>

#include "tracker/domain/event.hpp"
#include "tracker/domain/result.hpp"

namespace tracker::labels {

struct Party {
  std::string name;
  std::string phone;
  std::string address;
};

// Everything printed on a label, already formatted for people.
struct LabelData {
  std::string tracking_number;          // "EC136431858VN": the Code 128
  std::string tracking_number_grouped;  // "EC 136 431 858 VN"
  domain::ShipmentKind kind = domain::ShipmentKind::dossier;  // the HỒ SƠ / KẾT QUẢ tag
  std::string track_url;                // the QR code
  Party sender;
  Party receiver;
  std::string agency;
  std::string procedure;
  std::string dossier_code;
  std::string due_date;
  std::string date;
  std::string office;
};

enum class Format { pdf, png, zpl };
enum class Sheet { a6, a4 };  // a4: four A6 labels a page

struct Layout;

class LabelRenderer {
 public:
  // The layouts built into the binary, validated. A bad layout is an Error
  // naming the file and the element: the service refuses to start.
  static domain::Result<std::shared_ptr<const LabelRenderer>> load_builtin();
  // One layout from JSON text (tests, operators' own layouts).
  static domain::Result<std::shared_ptr<const LabelRenderer>> from_json(const std::string& name,
                                                                       const std::string& json);
  ~LabelRenderer();

  // One label. dpi (203 or 300) is the printer grid barcodes snap to; for
  // PNG also the raster resolution.
  std::string render(const LabelData& data, Format format, int dpi) const;
  // One PDF with every label: a page each (a6) or four a page (a4).
  std::string render_pdf(const std::vector<LabelData>& labels, Sheet sheet, int dpi) const;

  explicit LabelRenderer(std::unique_ptr<Layout> layout);

 private:
  std::unique_ptr<Layout> layout_;
};

}  // namespace tracker::labels
