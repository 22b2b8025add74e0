package dev.etcdprovision.controller.plan;

import java.util.List;

/**
 * A file that apply will write on a node.
 *
 * @param diff for text files whose content changes, the changed lines ({@code -old}, {@code +new});
 *     empty for new files and for private keys (never shown)
 */
public record FileChange(String path, Kind kind, List<String> diff) {

    public enum Kind {
        CREATE, UPDATE, OWNER_AND_MODE;

        public String describe() {
            return switch (this) {
                case CREATE -> "create";
                case UPDATE -> "update";
                case OWNER_AND_MODE -> "fix owner and mode";
            };
        }
    }

    public FileChange {
        diff = List.copyOf(diff);
    }
}
