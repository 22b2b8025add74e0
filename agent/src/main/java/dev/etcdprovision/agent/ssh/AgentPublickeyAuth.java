package dev.etcdprovision.agent.ssh;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * SSH "publickey" authentication (RFC 4252, section 7) with a signature made by ssh-agent. The
 * signed request is sent at once: the key is known to be the identity file's, so asking the
 * server first whether it would accept the key saves nothing.
 */
final class AgentPublickeyAuth extends AbstractAuthMethod {
    private final SshAgent agent;
    private final byte[] publicKeyBlob;

    AgentPublickeyAuth(SshAgent agent, byte[] publicKeyBlob) {
        super("publickey");
        this.agent = agent;
        this.publicKeyBlob = publicKeyBlob;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        String keyType = IdentityFile.keyType(publicKeyBlob);
        boolean rsa = keyType.equals("ssh-rsa");
        SSHPacket request = (SSHPacket) super.buildReq()
                .putBoolean(true)
                .putString(rsa ? "rsa-sha2-512" : keyType)
                .putString(publicKeyBlob);
        // what is signed: the session id, then the request itself from its message number on
        byte[] signed = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(request)
                .getCompactData();
        try {
            return (SSHPacket) request.putString(agent.sign(publicKeyBlob, signed, rsa ? SshAgent.RSA_SHA2_512 : 0));
        } catch (IOException e) {
            throw new UserAuthException("ssh-agent did not sign: " + e.getMessage(), e);
        }
    }
}
