package dev.etcdprovision.lab;

import java.nio.file.Path;

/**
 * Starts or removes a lab that outlives this process, for trying the tool by hand:
 *
 * <pre>
 *   java -jar lab/target/etcd-provision-lab.jar up 3 DIR     start 3 hosts; key and known_hosts in DIR
 *   java -jar lab/target/etcd-provision-lab.jar down DIR     remove them
 * </pre>
 *
 * {@code up} prints one line per host: index, address, host name.
 */
public final class LabCli {
    private LabCli() {}

    public static void main(String[] args) {
        try {
            if (args.length == 3 && args[0].equals("up")) {
                Lab lab = Lab.startDetached(Integer.parseInt(args[1]), Path.of(args[2]));
                for (LabHost host : lab.hosts()) {
                    System.out.println(host.index() + " " + host.address() + " " + host.name());
                }
            } else if (args.length == 2 && args[0].equals("down")) {
                Lab.takeDown(Path.of(args[1]));
            } else {
                System.err.println("usage: up COUNT DIR | down DIR");
                System.exit(2);
            }
        } catch (RuntimeException e) {
            System.err.println("lab: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
