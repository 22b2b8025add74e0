package dev.etcdprovision.controller.pki;

import dev.etcdprovision.controller.inventory.Hostnames;

/** One subject alternative name: a DNS name or an IP address, whichever the text is. */
public record SubjectAltName(Kind kind, String value) {

    public enum Kind { DNS, IP }

    public SubjectAltName {
        if (kind == Kind.IP) {
            // one spelling per address, so that 2001:db8::1 and 2001:0db8::1 are the same name
            value = Hostnames.canonicalIp(value);
        }
    }

    public static SubjectAltName of(String nameOrAddress) {
        return Hostnames.isIpAddress(nameOrAddress) ? new SubjectAltName(Kind.IP, nameOrAddress)
                : new SubjectAltName(Kind.DNS, nameOrAddress);
    }

    /** As openssl's configuration writes it: {@code DNS:localhost}, {@code IP:::1}. */
    @Override
    public String toString() {
        return (kind == Kind.DNS ? "DNS:" : "IP:") + value;
    }
}
