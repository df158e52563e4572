#pragma once
// The readiness protocol of systemd's Type=notify services (sd_notify(3)),
// spoken directly: one datagram to the AF_UNIX socket named by
// $NOTIFY_SOCKET. Without that variable (not run by systemd) nothing is sent.
#include <string>

namespace tracker::cli {

// Sends state ("READY=1", "STOPPING=1", "STATUS=…"); false when
// $NOTIFY_SOCKET is set but the datagram could not be sent.
bool notify_service_manager(const std::string& state);

}  // namespace tracker::cli
