package dev.etcdprovision.controller.operate;

import dev.etcdprovision.controller.inventory.Inventory;
import dev.etcdprovision.controller.pki.PkiException;
import dev.etcdprovision.controller.pki.PkiLayout;
import dev.etcdprovision.controller.pki.PkiLayout.ClientCert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The admin client certificate, which every command on etcd's API uses: the CA, the certificate, its key. */
public final class AdminCertificate {
    private AdminCertificate() {}

    /** Fails, naming the first missing file, unless the PKI folder holds all three. */
    public static void require(Inventory inventory) throws PkiException {
        PkiLayout pki = new PkiLayout(inventory.pki().dir());
        String admin = PkiLayout.clientCertName(ClientCert.ADMIN);
        for (Path file : List.of(pki.caCertificate(), pki.certificate(admin), pki.key(admin))) {
            if (!Files.isRegularFile(file)) {
                throw new PkiException(file + " does not exist: this command talks to etcd with the admin client"
                        + " certificate of the PKI folder; run `etcd-provision apply` (or `certs generate`) first");
            }
        }
    }
}
