# A system user and group for a service: no login shell, home = HOME (not created here; the service's
# data folder is made with its own mode). Arguments: USER GROUP HOME
user=$1 group=$2 home=$3
nologin=/usr/sbin/nologin
[ -x "$nologin" ] || nologin=/sbin/nologin
[ -x "$nologin" ] || nologin=/bin/false
done=""
if ! getent group "$group" >/dev/null; then
    groupadd --system "$group" || fail "cannot create the group $group"
    done="created group $group"
fi
gid=$(getent group "$group" | cut -d: -f3)
if entry=$(getent passwd "$user"); then
    user_gid=$(echo "$entry" | cut -d: -f4)
    user_home=$(echo "$entry" | cut -d: -f6)
    user_shell=$(echo "$entry" | cut -d: -f7)
    case $user_shell in
        */nologin | */false) shell_ok=yes ;;
        *) shell_ok=no ;;
    esac
    if [ "$user_gid" != "$gid" ] || [ "$user_home" != "$home" ] || [ "$shell_ok" = no ]; then
        usermod --gid "$group" --home "$home" --shell "$nologin" "$user" || fail "cannot update the user $user"
        done="${done:+$done, }updated user $user (group $group, home $home, shell $nologin)"
    fi
else
    useradd --system --gid "$group" --home-dir "$home" --no-create-home --shell "$nologin" \
        --comment "$user service" "$user" || fail "cannot create the user $user"
    done="${done:+$done, }created user $user"
fi
if [ -n "$done" ]; then echo "changed $done"; else echo "unchanged"; fi
