# bash completion for folio(1), the terminal newspaper reader.
# Installed as bash-completion/completions/folio; or source it by hand:
#   . /path/to/folio.bash
# Self-contained: it does not need the bash-completion package.

# The edition on the command line (the first operand), and the -c FILE
# given, into _folio_edition and _folio_config.
_folio_scan_line()
{
	local i w skip=
	_folio_edition= _folio_config=
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -n $skip ]]; then
			[[ $skip == config ]] && _folio_config=$w
			skip=
			continue
		fi
		case $w in
		-c | --config) skip=config ;;
		--page | --article | --search | --export | --width | --height)
			skip=value ;;
		=) # COMP_WORDBREAKS split "--opt=value"
			[[ ${COMP_WORDS[i-1]} == --config ]] && skip=config ||
				skip=value ;;
		--config=?*) _folio_config=${w#--config=} ;;
		-c?*) _folio_config=${w#-c} ;;
		-) [[ -z $_folio_edition ]] && _folio_edition=- ;;
		-*) ;;
		*) [[ -z $_folio_edition ]] && _folio_edition=$w ;;
		esac
	done
	# A leading ~ as the shell would expand it.
	[[ $_folio_edition == \~/* ]] && _folio_edition=$HOME/${_folio_edition#\~/}
	[[ $_folio_config == \~/* ]] && _folio_config=$HOME/${_folio_config#\~/}
}

# The values of field $1 of `folio --toc` for the edition on the line
# (or the configured edition, or the sample), once each.
_folio_toc_field()
{
	local prog=${COMP_WORDS[0]} args=()
	[[ $prog == \~/* ]] && prog=$HOME/${prog#\~/}
	[[ -n $_folio_config ]] && args+=(-c "$_folio_config")
	# Standard input is for the reader, not for completion.
	[[ $_folio_edition == - ]] && return
	[[ -n $_folio_edition ]] && args+=("$_folio_edition")
	"$prog" --toc "${args[@]}" 2>/dev/null </dev/null |
		awk -F '\t' -v f="$1" '!seen[$f]++ { print $f }'
}

# One a line: the completion splits words at newlines only.
_folio_options='--toc
--page=
--article=
--search=
--check
--bookmarks
--export=
--width=
--height=
--print
--ascii
--no-color
--config=
--dump-config
--dump-config=man
--help
--version
-c
-h
-V
-'

_folio()
{
	local cur prev opt= prefix= v
	local IFS=$'\n'	# file names and page labels may hold spaces
	local _folio_edition _folio_config
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}

	# "--opt=value": bash may give it as one word, or as "--opt" "=" "value".
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*} prefix=$opt= cur=${cur#*=}
	elif [[ $cur == = && $prev == --* ]]; then
		opt=$prev cur=
	elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		opt=${COMP_WORDS[COMP_CWORD-2]}
	else
		case $prev in
		-c | --config | --page | --article | --search | --export | \
		--width | --height)
			opt=$prev ;;
		esac
	fi

	case $opt in
	-c | --config)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	--export)
		COMPREPLY=($(compgen -W $'tsv\nmarkdown\natom' -- "$cur"))
		;;
	--dump-config)
		COMPREPLY=($(compgen -W 'man' -- "$cur"))
		;;
	--page)
		_folio_scan_line
		COMPREPLY=($(compgen -W "$(_folio_toc_field 1)" -- "$cur"))
		;;
	--article)
		_folio_scan_line
		COMPREPLY=($(compgen -W "$(_folio_toc_field 2)" -- "$cur"))
		;;
	--width)
		[[ -n $COLUMNS ]] && COMPREPLY=($(compgen -W "$COLUMNS" -- "$cur"))
		;;
	--height)
		[[ -n $LINES ]] && COMPREPLY=($(compgen -W "$LINES" -- "$cur"))
		;;
	--search)
		;;
	*)
		opt=
		;;
	esac
	if [[ -n $opt ]]; then
		# Give back the "--opt=" when bash kept it in the word.
		if [[ -n $prefix ]]; then
			for v in "${!COMPREPLY[@]}"; do
				COMPREPLY[v]=$prefix${COMPREPLY[v]}
			done
		fi
		return 0
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$_folio_options" -- "$cur"))
		# No space after an option that wants its value.
		[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] &&
			compopt -o nospace 2>/dev/null
		return 0
	fi

	# EDITION: an .xml file, or a folder to look into.
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -d -- "$cur"; compgen -f -X '!*.[xX][mM][lL]' -- "$cur"))
	return 0
}

complete -F _folio folio
