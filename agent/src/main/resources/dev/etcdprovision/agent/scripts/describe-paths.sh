# Arguments: PATH... One "path" line each (see describe_path).
for path do
    describe_path "$path"
done
