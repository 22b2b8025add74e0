package dev.etcdprovision.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes, durations, versions and host names as the inventory writes them. */
class ValueFormatsTest {

    @Test
    void sizesReadWithBinaryUnitsAndPrintBack() {
        assertEquals(8L << 30, ByteSize.parse("8GiB").bytes());
        assertEquals(1536L << 10, ByteSize.parse("1536KiB").bytes());
        assertEquals(1048576, ByteSize.parse("1048576").bytes());
        assertEquals(100, ByteSize.parse("100B").bytes());
        assertEquals("8GiB", ByteSize.parse("8192MiB").toString());
        assertEquals("1536KiB", ByteSize.parse("1572864").toString());
        assertEquals("100B", ByteSize.parse("100").toString());
    }

    @Test
    void sizesPrintForPeopleInTheLargestUnitWithOneDecimal() {
        assertEquals("512 B", new ByteSize(512).approximate());
        assertEquals("20.0 KiB", new ByteSize(20480).approximate());
        assertEquals("24.1 MiB", new ByteSize(25_270_000).approximate());
        assertEquals("8.0 GiB", ByteSize.ofGiB(8).approximate());
        assertEquals("2048.0 TiB", ByteSize.parse("2048TiB").approximate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8GB", "1.5MiB", "-1", "GiB", "99999999999999999999", "16777216TiB"})
    void malformedOrHugeSizesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
    }

    @Test
    void durationsReadInGoStyleAndPrintBack() {
        assertEquals(Duration.ofMillis(100), Durations.parse("100ms"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1s500ms"));
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("1s500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "", "1d", "ms", "30m1h", "1.5s"})
    void durationsWithoutAKnownUnitAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @Test
    void versionsCompareAsReleases() {
        EtcdVersion version = EtcdVersion.parse("3.5.16");
        assertTrue(version.atLeast("3.5.5"), "16 > 5 as numbers, not as text");
        assertFalse(EtcdVersion.parse("3.4.23").atLeast("3.5.0"));
        assertEquals("3.5", version.series());
        assertThrows(IllegalArgumentException.class, () -> EtcdVersion.parse("v3.5.16"));
        assertThrows(IllegalArgumentException.class, () -> EtcdVersion.parse("3.5"));
    }

    @Test
    void hostNamesAndAddressesAreToldApartWithoutLookingThemUp() {
        assertTrue(Hostnames.isIpAddress("192.0.2.1"));
        assertTrue(Hostnames.isIpAddress("2001:db8::1"));
        assertFalse(Hostnames.isIpAddress("192.0.2.256"));
        assertFalse(Hostnames.isIpAddress("k8s1-etcd1.k8s.lan"));
        assertTrue(Hostnames.isDnsName("k8s1-etcd1.k8s.lan"));
        assertTrue(Hostnames.isDnsName("localhost"));
        assertFalse(Hostnames.isDnsName("192.0.2.256"), "all-numeric last label: a broken IP, not a name");
        assertFalse(Hostnames.isDnsName("-etcd"));
        assertFalse(Hostnames.isDnsName("etcd..lan"));
        assertFalse(Hostnames.isDnsName("Etcd1"));
        assertFalse(Hostnames.isDnsName("etcd1.lan."));
        assertEquals("2001:db8::1", Hostnames.canonical("2001:0db8::0:1"));
        assertEquals("::1", Hostnames.canonicalIp("0:0:0:0:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", Hostnames.canonicalIp("2001:db8:0:0:1:0:0:1"), "the first of two runs");
        assertEquals("2001:db8:0:1:1:1:1:1", Hostnames.canonicalIp("2001:db8::1:1:1:1:1"), "one zero is no run");
        assertEquals("fe80::", Hostnames.canonicalIp("FE80:0:0:0:0:0:0:0"));
        assertEquals("192.0.2.1", Hostnames.canonical("192.0.2.1"));
        assertEquals("k8s1-etcd1.lan", Hostnames.canonical("K8S1-etcd1.LAN"));
        assertEquals("[2001:db8::1]", Hostnames.urlHost("2001:db8::1"));
        assertEquals("192.0.2.1", Hostnames.urlHost("192.0.2.1"));
    }
}
