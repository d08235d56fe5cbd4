# bash completion for budgetx. Use: `source scripts/budgetx-completion.bash`,
# or install it as /usr/share/bash-completion/completions/budgetx.
# The option lists follow `budgetx help COMMAND` (tests/test_cli_options.c
# checks that every option of the help texts is here).

_budgetx()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="extract check inspect batch merge export review help"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help" -- "$cur"))
        return
    fi
    local command=${COMP_WORDS[1]} options formats=""
    case $command in
    extract) options="--format --output --pages --password --max-size --ocr --ocr-correct --bom --meta --flat-header --help"
             formats="json md xlsx csv sqlite" ;;
    check)   options="--format --jsonl --all --pages --password --max-size --ocr --ocr-correct --help"
             formats="text json jsonl" ;;
    inspect) options="--pages --page --output --scale --password --max-size --help" ;;
    batch)   options="--output --jobs --timeout --retry-failed --password --max-size --shard --queue --worker --status --help" ;;
    merge)   options="--help" ;;
    export)  options="--format --output --bom --help"
             formats="csv xlsx" ;;
    review)  options="--output --dpi --bits --per-page --max-size --help" ;;
    help)    COMPREPLY=($(compgen -W "${commands% help}" -- "$cur")); return ;;
    *)       return ;;
    esac
    case $prev in
    -f|--format) COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
    --ocr)       COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    -p|--pages|--page|--password|--max-size|-j|--jobs|--timeout|-s|--scale|--shard|--queue|--worker|--status) return ;;
    -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _budgetx budgetx
