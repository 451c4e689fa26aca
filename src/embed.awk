# Turn a text file into a C string: awk -v name=NAME -f embed.awk FILE
BEGIN {
	printf "/* Generated from a data file by embed.awk; do not edit. */\n"
	printf "#include <stddef.h>\n"
	printf "extern const char %s[];\nextern const size_t %s_len;\n", name, name
	printf "const char %s[] =\n", name
}
{
	gsub(/\\/, "\\\\")
	gsub(/"/, "\\\"")
	gsub(/\?/, "\\?")
	gsub(/\t/, "\\t")
	printf "\"%s\\n\"\n", $0
}
END {
	printf ";\nconst size_t %s_len = sizeof(%s) - 1;\n", name, name
}
