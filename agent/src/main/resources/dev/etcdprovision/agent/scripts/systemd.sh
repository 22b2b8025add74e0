# One systemd action on one unit, done only when needed. Arguments: ACTION UNIT
action=$1 unit=$2
# run COMMAND...: runs a systemctl command; its output becomes the error when it fails.
run() {
    output=$("$@" 2>&1) || fail "${output:-$* failed}"
}
active=$(systemctl is-active -- "$unit" 2>/dev/null)
case $action in
    start-no-block)
        case $active in
            active | reloading | activating) echo "unchanged already $active"; exit 0 ;;
        esac
        run systemctl start --no-block -- "$unit"
        echo "changed started" ;;
    start)
        case $active in
            active | reloading) echo "unchanged already $active"; exit 0 ;;
            activating)
                # started before, without waiting: wait now, as a blocking start promises
                run systemctl start -- "$unit"
                echo "unchanged was activating, now active"
                exit 0 ;;
        esac
        run systemctl start -- "$unit"
        echo "changed started" ;;
    restart)
        run systemctl restart -- "$unit"
        echo "changed restarted" ;;
    stop)
        case $active in
            inactive | failed | unknown) echo "unchanged already $active"; exit 0 ;;
        esac
        run systemctl stop -- "$unit"
        echo "changed stopped" ;;
    enable)
        [ "$(systemctl is-enabled -- "$unit" 2>/dev/null)" = enabled ] && { echo "unchanged already enabled"; exit 0; }
        run systemctl enable -- "$unit"
        echo "changed enabled" ;;
    disable)
        case $(systemctl is-enabled -- "$unit" 2>/dev/null) in
            enabled | enabled-runtime) ;;
            *) echo "unchanged not enabled"; exit 0 ;;
        esac
        run systemctl disable -- "$unit"
        echo "changed disabled" ;;
    *)
        fail "unknown action $action" ;;
esac
