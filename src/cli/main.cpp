// dossier-tracker: the composition root. Parses the command, loads the
// config, opens the store, starts the threads, and shuts down in order:
// stop accepting -> drain requests -> flush the writer -> close the DB.
#include <boost/asio/thread_pool.hpp>
#include <boost/program_options.hpp>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "config.hpp"
#include "demo.hpp"
#include "progress.hpp"
#include "service_manager.hpp"
#include "tracker/http/server.hpp"
#include "tracker/notify/dispatcher.hpp"
#include "tracker/store/audit.hpp"
#include "tracker/store/backup.hpp"

namespace po = boost::program_options;
using namespace tracker;

namespace {

constexpr const char* kVersion = "dossier-tracker " TRACKER_VERSION;

constexpr const char* kUsage =
    "Usage: dossier-tracker <command> [options]\n"
    "Commands:\n"
    "  serve        run the service (creates and migrates the database if needed)\n"
    "  admin-token  create the admin user if missing and print a new bearer token\n"
    "  demo         fill a database with demo data of one province\n"
    "  migrate      apply database migrations\n"
    "  backup       copy the live database consistently to a file\n"
    "  restore      check a backup and restore it into a new database file\n"
    "  audit verify check the audit trail's hash chain; names the first broken row\n"
    "Options: --version, --help; 'dossier-tracker <command> --help' for a command's options.\n";

// The services over one store, alive for one command.
struct App {
  explicit App(const cli::Config& c)
      : config(c),
        store(c.db_path),
        workers(2),
        auth(store, workers),
        offices(store),
        shipments(store, tracking::TrackingOptions{c.service_indicator, "VN"}),
        scans(store, tracking::NotifyChannels{!c.sms_url.empty(), !c.smtp_url.empty()}),
        lookup(store),
        labels(load_labels()),
        notifications(store),
        handovers(store, tracking::NotifyChannels{!c.sms_url.empty(), !c.smtp_url.empty()}),
        reports(store, workers, shipments),
        calendar(store, shipments),
        units(store),
        dossier_statuses(store, tracking::NotifyChannels{!c.sms_url.empty(), !c.smtp_url.empty()}),
        templates(load_templates()) {}
  ~App() {
    workers.join();
    store.stop();
  }

  http::Services services() {
    return {domain::system_clock(), store, workers, auth, offices, shipments, scans, lookup, *labels, notifications, handovers,
            reports, calendar, units, dossier_statuses};
  }

  static notify::Templates load_templates() {
    auto loaded = notify::Templates::load_builtin();
    if (!loaded) throw std::runtime_error(loaded.error().detail);
    return *loaded;
  }

  notify::DispatchOptions dispatch_options() {
    notify::DispatchOptions o;
    o.polls = &dispatcher_idle_polls;
    o.sms = notify::SmsGateway{config.sms_url, config.sms_secret};
    o.sms_ascii_only = config.sms_ascii_only;
    o.smtp.url = config.smtp_url;
    o.smtp.starttls = config.smtp_starttls;
    o.smtp.username = config.smtp_username;
    o.smtp.password = config.smtp_password;
    o.smtp.from = config.email_from.empty() ? "Bưu điện <noreply@example.vn>" : config.email_from;
    o.public_url = config.public_url;
    o.first_retry = std::chrono::seconds(config.first_retry_seconds);
    o.give_up_after = std::chrono::hours(config.give_up_after_hours);
    o.claim_lease = std::chrono::seconds(config.claim_lease_seconds);
    return o;
  }

  // A bad layout stops the program with a message naming the file and element.
  static std::shared_ptr<const labels::LabelRenderer> load_labels() {
    auto loaded = labels::LabelRenderer::load_builtin();
    if (!loaded) throw std::runtime_error(loaded.error().detail);
    return *loaded;
  }

  cli::Config config;
  store::Store store;
  boost::asio::thread_pool workers;
  auth::AuthService auth;
  tracking::OfficeService offices;
  tracking::ShipmentService shipments;
  tracking::ScanService scans;
  tracking::LookupService lookup;
  std::shared_ptr<const labels::LabelRenderer> labels;
  tracking::NotificationService notifications;
  tracking::HandoverService handovers;
  tracking::ReportService reports;
  tracking::CalendarService calendar;
  tracking::UnitService units;
  tracking::DossierStatusService dossier_statuses;
  notify::Templates templates;
  std::atomic<std::uint64_t> dispatcher_idle_polls{0};  // shown in /metrics
};

po::variables_map parse(const char* command, po::options_description& opts, int argc, char** argv) {
  opts.add_options()("help,h", "show this help");
  po::variables_map vm;
  po::store(po::command_line_parser(argc - 1, argv + 1).options(opts).run(), vm);
  if (vm.count("help")) {  // before notify(): --help needs no required option
    std::cout << "Usage: dossier-tracker " << command << " [options]\n" << opts;
    std::exit(0);
  }
  po::notify(vm);
  return vm;
}

cli::Config config_from(const po::variables_map& vm) {
  std::optional<std::string> file;
  if (vm.count("config")) file = vm["config"].as<std::string>();
  auto c = cli::load_config(file);
  if (vm.count("db")) c.db_path = vm["db"].as<std::string>();
  if (vm.count("listen")) c.listen = vm["listen"].as<std::string>();
  if (vm.count("public-url")) c.public_url = vm["public-url"].as<std::string>();
  if (vm.count("threads")) c.threads = vm["threads"].as<int>();
  if (c.public_url.empty()) c.public_url = "http://" + c.listen;
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  return c;
}

// Every connection is a file descriptor: the soft limit (often 1024) is
// raised toward the hard one so max_connections can really be reached.
void raise_open_file_limit(int max_connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  rlim_t wanted = static_cast<rlim_t>(max_connections) + 256;  // the database, logs, curl
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = std::min(wanted, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted) {
    std::cerr << "warning: open files are limited to " << limit.rlim_cur << "; fewer than "
              << max_connections << " connections will fit\n";
  }
}

int serve(int argc, char** argv) {
  po::options_description opts("serve options");
  opts.add_options()("db", po::value<std::string>(), "SQLite database file")(
      "listen", po::value<std::string>(), "HOST:PORT (port 0 picks a free port)")(
      "public-url", po::value<std::string>(), "public base URL for links and QR codes")(
      "threads", po::value<int>(), "I/O threads")("config", po::value<std::string>(), "TOML config file");
  auto c = config_from(parse("serve", opts, argc, argv));
  App app(c);
  http::ServerOptions options{c.listen, c.public_url, c.threads, c.lookups_per_minute,
                              c.tls_cert, c.tls_key, c.max_connections, c.trusted_proxies};
  options.dispatcher_idle_polls = &app.dispatcher_idle_polls;
  raise_open_file_limit(c.max_connections);
  for (int year : app.calendar.provisional_years_in_use()) {
    std::cerr << "warning: the working-day calendar of " << year
              << " is provisional (base dates only, not decided yet): deadlines reaching into it may move; "
                 "an admin replaces it with PUT /api/v1/calendars/{civil_service,postal} once it is decided\n";
  }
  http::Server server(app.services(), options);
  notify::Dispatcher dispatcher(app.store, app.templates, app.dispatch_options());
  auto port = server.start();
  dispatcher.start();
  auto host = c.listen.substr(0, c.listen.rfind(':'));
  std::cout << "listening on " << (c.tls_cert.empty() ? "http" : "https") << "://" << host << ":" << port
            << std::endl;
  if (!cli::notify_service_manager("READY=1")) std::cerr << "warning: could not tell systemd the service is ready\n";
  server.run();
  cli::notify_service_manager("STOPPING=1");
  dispatcher.stop();  // sends in flight finish (bounded by their timeouts); the rest stay due
  // Flush the writer while the server's executors still exist: completions
  // of queued writes are posted to them.
  app.store.stop();
  std::cerr << "shut down cleanly\n";
  return 0;
}

int admin_token(int argc, char** argv) {
  po::options_description opts("admin-token options");
  opts.add_options()("db", po::value<std::string>(), "SQLite database file")(
      "username", po::value<std::string>()->default_value("admin"), "admin username")(
      "config", po::value<std::string>(), "TOML config file");
  auto vm = parse("admin-token", opts, argc, argv);
  auto c = config_from(vm);
  App app(c);
  auto token = app.auth.admin_token_blocking(vm["username"].as<std::string>());
  if (!token) {
    std::cerr << "error: " << token.error().detail << "\n";
    return 1;
  }
  std::cout << *token << std::endl;
  return 0;
}

int demo(int argc, char** argv) {
  po::options_description opts("demo options");
  opts.add_options()("db", po::value<std::string>(), "SQLite database file")(
      "config", po::value<std::string>(), "TOML config file");
  auto c = config_from(parse("demo", opts, argc, argv));
  App app(c);
  auto services = app.services();
  cli::Progress progress("demo");
  auto text = cli::fill_demo(services, [&](int done, int total) { progress.count(done, total, "dossiers"); });
  std::cout << text;
  return 0;
}

int migrate(int argc, char** argv) {
  po::options_description opts("migrate options");
  opts.add_options()("db", po::value<std::string>(), "SQLite database file or postgresql:// URL")(
      "grant-to", po::value<std::string>(),
      "PostgreSQL: the role the service runs as, granted only what it needs (no UPDATE or DELETE on events "
      "and the audit log)")(
      "config", po::value<std::string>(), "TOML config file");
  auto vm = parse("migrate", opts, argc, argv);
  auto c = config_from(vm);
  std::string grant_to = vm.count("grant-to") ? vm["grant-to"].as<std::string>() : "";
  int version = 0;
  {
    cli::Progress progress("migrate " + store::describe_location(c.db_path));
    version = store::Store::migrate(
        c.db_path,
        [&](int number, int latest, const std::string& name) {
          progress.step(std::to_string(number) + "/" + std::to_string(latest) + " " + name);
        },
        grant_to);
  }
  std::cout << "schema version " << version << "\n";
  return 0;
}

int backup(int argc, char** argv) {
  po::options_description opts("backup options");
  opts.add_options()("db", po::value<std::string>(), "SQLite database file")(
      "to", po::value<std::string>()->required(), "backup file to write (must not exist)")(
      "config", po::value<std::string>(), "TOML config file");
  auto vm = parse("backup", opts, argc, argv);
  auto c = config_from(vm);
  auto to = vm["to"].as<std::string>();
  if (std::filesystem::exists(to)) {
    std::cerr << "error: " << to << " exists; choose a new file\n";
    return 1;
  }
  App app(c);
  {
    // VACUUM INTO is one statement: the display follows the file it writes.
    cli::Progress progress("backup");
    std::error_code ec;
    const auto expected = std::filesystem::file_size(c.db_path, ec);
    std::atomic<bool> copying{true};
    std::thread watcher([&] {
      while (copying) {
        std::error_code size_ec;
        auto size = std::filesystem::file_size(to, size_ec);
        if (!size_ec) progress.bytes(std::min<std::uintmax_t>(size, expected), expected);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    });
    try {
      app.store.backup_to(to);
    } catch (...) {
      copying = false;
      watcher.join();
      throw;
    }
    copying = false;
    watcher.join();
  }
  if (store::is_postgres(c.db_path)) {
    std::cout << "backup written to " << to << ": a pg_dump archive (custom format) of "
              << store::describe_location(c.db_path) << "; restore it with pg_restore (docs/postgres.md)\n";
    return 0;
  }
  auto contents = store::check_backup(to);
  std::cout << "backup written to " << to << ": " << contents.shipments << " shipments, " << contents.events
            << " events, audit trail intact (" << contents.audit_rows << " rows), schema version "
            << contents.schema_version << "\n";
  return 0;
}

// restore --from FILE --db PATH: checks the backup, copies it into a new
// database file and migrates it; never overwrites one.
int restore(int argc, char** argv) {
  po::options_description opts("restore options");
  opts.add_options()("from", po::value<std::string>()->required(), "backup file made by 'backup'")(
      "db", po::value<std::string>(), "database file to create (must not exist)")(
      "config", po::value<std::string>(), "TOML config file");
  auto vm = parse("restore", opts, argc, argv);
  auto c = config_from(vm);
  const auto from = vm["from"].as<std::string>();
  store::RestoreReport report;
  {
    cli::Progress progress("restore");
    progress.step("checking " + from);
    report = store::restore_backup(from, c.db_path, [&](std::uint64_t done, std::uint64_t total) {
      progress.bytes(done, total);
    });
  }
  const auto& b = report.backup;
  std::cout << "restored " << from << " into " << c.db_path << "\n"
            << "  integrity check: ok\n"
            << "  audit trail intact: " << b.audit_rows << " rows\n"
            << "  schema version " << b.schema_version;
  if (report.schema_version != b.schema_version) std::cout << ", migrated to " << report.schema_version;
  std::cout << "\n  " << b.shipments << " shipments, " << b.events << " events";
  if (b.last_recorded_at) std::cout << ", the last recorded at " << domain::format_rfc3339(*b.last_recorded_at);
  std::cout << "\n";
  return 0;
}

// audit verify --db PATH: exit 0 when the chain holds, 1 at the first
// broken link (named), 2 for a usage error.
int audit(int argc, char** argv) {
  if (argc < 3 || std::string(argv[2]) != "verify") {
    std::cerr << "Usage: dossier-tracker audit verify --db PATH\n";
    return 2;
  }
  po::options_description opts("audit verify options");
  opts.add_options()("db", po::value<std::string>(), "SQLite database file or postgresql:// URL")(
      "config", po::value<std::string>(), "TOML config file");
  auto c = config_from(parse("audit verify", opts, argc - 1, argv + 1));
  if (!store::is_postgres(c.db_path) && !std::filesystem::exists(c.db_path)) {
    std::cerr << "error: no database at " << c.db_path << "\n";
    return 1;
  }
  auto report = store::verify_audit(c.db_path);
  if (report.broken_at) {
    std::cout << "audit trail BROKEN at row " << *report.broken_at << ": " << report.why << "\n"
              << "(" << report.rows - 1 << " rows before it are intact)\n";
    return 1;
  }
  std::cout << "audit trail intact: " << report.rows << " rows\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  std::string command = argv[1];
  try {
    if (command == "--version" || command == "version") {
      std::cout << kVersion << "\n";
      return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "serve") return serve(argc, argv);
    if (command == "admin-token") return admin_token(argc, argv);
    if (command == "demo") return demo(argc, argv);
    if (command == "migrate") return migrate(argc, argv);
    if (command == "backup") return backup(argc, argv);
    if (command == "restore") return restore(argc, argv);
    if (command == "audit") return audit(argc, argv);
    std::cerr << "unknown command: " << command << "\n" << kUsage;
    return 2;
  } catch (const po::error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
