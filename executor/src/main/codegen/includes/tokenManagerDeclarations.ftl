<#--
  Added to the token manager (TOKEN_MGR_DECLS). A dollar-quoted string ends at the first
  repetition of its opening tag, which no regular expression can say. The PG_DOLLAR_QUOTE
  token therefore matches greedily from an opening "$tag$" to the last "$...$" it can reach
  (which also makes it longer than any competing token such as COLLATION_ID, whose letters
  include '$'), and this action gives back everything after the real closing tag.
-->
    void trimDollarQuoted(Token t) {
        final String image = t.image;
        final int tagLength = image.indexOf('$', 1) + 1;
        final String tag = image.substring(0, tagLength);
        final int close = image.indexOf(tag, tagLength);
        final int end = close + tagLength;
        if (close >= 0 && end < image.length()) {
            input_stream.backup(image.length() - end);
            t.image = image.substring(0, end);
            t.endLine = input_stream.getEndLine();
            t.endColumn = input_stream.getEndColumn();
        }
    }
