# Installs what Fieldwork needs on a Debian machine, only what is missing, without asking.
# Sourced by the README's two commands; running it again changes nothing.

fieldwork_apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing Debian packages: ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

fieldwork_pip_install() {
    # Each argument is "module:package" (import name, then PyPI name).
    local missing=()
    for pair in "$@"; do
        local module="${pair%%:*}" package="${pair##*:}"
        python3 -c "import $module" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing Python packages: ${missing[*]}"
        python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
    fi
}

# Libraries the build links: ncursesw for the interviewer's screen, ReadStat for .sav and .dta,
# libpq for surveys stored in PostgreSQL.
fieldwork_build_dependencies() {
    fieldwork_apt_install libncurses-dev libreadstat-dev libsqlite3-dev ncurses-term libpq-dev
}

# Real readers and drivers for the end-to-end tests; chromium renders the printable
# questionnaire headless to prove the HTML draws (test_doc.py).
fieldwork_test_dependencies() {
    fieldwork_build_dependencies
    fieldwork_apt_install tmux pspp r-cran-foreign r-cran-haven chromium
    fieldwork_pip_install pytest:pytest jsonschema:jsonschema pandas:pandas pyreadstat:pyreadstat
}
