# The Debian package (./tracker.sh package): install rules for the service
# and what an operator needs around it, and CPack's DEB generator.
#   /usr/bin/dossier-tracker                       (src/cli)
#   /lib/systemd/system/dossier-tracker.service    Type=notify, sandboxed
#   /lib/systemd/system/dossier-tracker-backup.{service,timer}
#   /usr/libexec/dossier-tracker/backup            the timer's script
#   /etc/dossier-tracker/config.toml               conffile, every key commented
#   /usr/share/man/man1/dossier-tracker.1.gz, /usr/share/doc/dossier-tracker/
# Depends: from the binary's shared libraries (dpkg-shlibdeps), plus adduser
# for the system user made by postinst.
set(deb_dir ${PROJECT_SOURCE_DIR}/deploy/debian)
set(packaging_out ${PROJECT_BINARY_DIR}/packaging)

# Debian wants the man page and the changelog compressed, without timestamps.
foreach(doc dossier-tracker.1 changelog)
  add_custom_command(OUTPUT ${packaging_out}/${doc}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${packaging_out}
    COMMAND sh -c "gzip -9n -c '${deb_dir}/${doc}' > '${packaging_out}/${doc}.gz'"
    DEPENDS ${deb_dir}/${doc}
    VERBATIM)
  list(APPEND packaging_docs ${packaging_out}/${doc}.gz)
endforeach()
add_custom_target(packaging_docs ALL DEPENDS ${packaging_docs})

install(FILES ${deb_dir}/dossier-tracker.service ${deb_dir}/dossier-tracker-backup.service
              ${deb_dir}/dossier-tracker-backup.timer
        DESTINATION /lib/systemd/system)
install(PROGRAMS ${deb_dir}/backup DESTINATION libexec/dossier-tracker)
install(FILES ${deb_dir}/config.toml DESTINATION /etc/dossier-tracker)
install(FILES ${packaging_out}/dossier-tracker.1.gz DESTINATION share/man/man1)
install(FILES ${deb_dir}/copyright ${packaging_out}/changelog.gz DESTINATION share/doc/dossier-tracker)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dossier-tracker)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "tracking of administrative dossiers sent by post")
# (CPack puts the summary first; this is the extended description.)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Dossier Post Tracker is the service behind sending an administrative
dossier to a People's Committee through the public postal service:
barcoded UPU S10 labels, scan events of postal workers and clerks,
results linked to their dossier, SMS and e-mail notifications, signed
webhooks, and public lookups that show nobody's personal data.

The package runs it as a sandboxed systemd service with a daily
verified backup.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # dossier-tracker_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Dossier Post Tracker team <ops@dossier-tracker.example.vn>")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://dossier-tracker.example.vn")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${deb_dir}/conffiles ${deb_dir}/postinst ${deb_dir}/prerm ${deb_dir}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
