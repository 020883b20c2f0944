# test-deb.sh — the Debian package (make deb = scripts/build-deb): built by
# dpkg-buildpackage -b -us -uc from a copy of the tree, checked by lintian
# without an error, and what it holds: the binary (it runs), fokus(1), the
# bash completion, the systemd units (none enabled by the maintainer
# scripts), /etc/default/fokus readable by root only, the dependencies.
# The units go to /lib/systemd/system, where bookworm's dh_installsystemd
# (debhelper 13.11) looks for them; make install's default is
# $(PREFIX)/lib/systemd/system.
# About a minute; skipped in the sanitizer run (it does not use the binary
# under test).
. "$OLDPWD/tests/cli/lib.sh"
case $FOKUS in *-san) exit 0 ;; esac
for t in dpkg-buildpackage lintian dh; do
	command -v $t > /dev/null || fail "$t missing (scripts/install-deps --test installs it)"
done
DEB_BUILD_OPTIONS=nocheck "$OLDPWD/scripts/build-deb" "$T/deb" > build.txt 2>&1 || fail "build-deb: $(tail -20 build.txt)"
expect_grep 'lintian: 0 errors' build.txt
deb=$(ls "$T"/deb/fokus_*_amd64.deb "$T"/deb/fokus_*_*.deb 2>/dev/null | grep -v dbgsym | head -1)
[ -f "$deb" ] || fail "no .deb in $T/deb"
grep -q '^E:' "$T/deb/lintian.txt" && fail "lintian errors: $(grep '^E:' "$T/deb/lintian.txt")"
dpkg-deb -f "$deb" Package | grep -qx fokus || fail "package name"
for d in libcurl4 libcmark libsqlite3 libmicrohttpd adduser; do
	dpkg-deb -f "$deb" Depends | grep -q "$d" || fail "Depends lacks $d: $(dpkg-deb -f "$deb" Depends)"
done
dpkg-deb -c "$deb" > list.txt
for f in ./usr/bin/fokus ./usr/share/man/man1/fokus.1.gz ./usr/share/bash-completion/completions/fokus \
	./lib/systemd/system/fokus-categorize.timer ./lib/systemd/system/fokus-pulse.timer \
	./lib/systemd/system/fokus-serve.service ./usr/share/doc/fokus/copyright ./etc/default/fokus; do
	grep -q " $f\$" list.txt || fail "the package lacks $f"
done
grep ' ./etc/default/fokus$' list.txt | grep -q '^-rw-------' || fail "/etc/default/fokus is not root-only: $(grep default/fokus list.txt)"
mkdir x && dpkg-deb -x "$deb" x
x/usr/bin/fokus --version | grep -q '^fokus 0' || fail "the packaged binary runs"
zcat x/usr/share/man/man1/fokus.1.gz | grep -q '^.SS pulse' || fail "the packaged man page"
dpkg-deb -e "$deb" ctl
# debhelper knows the units (their state is kept for purge) but enables and
# starts none: it re-enables only what the admin had enabled before
for u in fokus-categorize.timer fokus-pulse.timer fokus-serve.service; do
	grep -q "update-state '$u'" ctl/postinst || fail "dh_installsystemd did not see $u"
done
expect_eq "$(grep -c 'deb-systemd-helper enable' ctl/postinst)" "$(grep -c 'was-enabled' ctl/postinst)" "units enabled only when they were"
grep -q 'deb-systemd-invoke' ctl/postinst && fail "a unit is started on install"
grep -q 'adduser --system' ctl/postinst || fail "postinst makes the fokus user"
exit 0
