# Dump of fanfiction_settings 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_settings VALUES("QuireTest1", "Archive of Tales &amp; Trials", "It\'s a cool site!", "http://fic.example.org", "admin@example.org", "", "stories", "files", "0", "1", "<b><i><p><br>", "1", "1", "d/m/y", "en", "3.5.3");



# Dump of fanfiction_authors 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_authors VALUES("1", "Archivist", "Ada Admin", "admin@example.org", "", "", "", "2005-03-01 10:00:00", "0", "5f4dcc3b5aa765d61d8327deb882cf99");
INSERT INTO fanfiction_authors VALUES("2", "Ruth &amp; Naomi", "Ruth", "ruth@example.org", "http://ruth.example.org", "<p>Writes <b>Trek</b>.</p>", "", "2005-04-02 11:30:00", "0", "x");
INSERT INTO fanfiction_authors VALUES("3", "Mireille Ducr�", "", "mireille@example.fr", "", "<p>J��cris en fran�ais � souvent.</p>", "", "2005-05-03 09:15:00", "0", "x");
INSERT INTO fanfiction_authors VALUES("4", "春風", "山田花子", "harukaze@example.jp", "", "<p>日本語で書いています。</p>", "", "2006-01-10 08:00:00", "0", "x");
INSERT INTO fanfiction_authors VALUES("5", "Bea O\'Hara", "Beatrice", "bea@example.org", "", "Line one\nLine two\\with a backslash", "", "2006-02-11 20:45:00", "0", "x");
INSERT INTO fanfiction_authors VALUES("6", "Lurker", "", "lurker@example.org", "", "", "", "2006-03-12 12:00:00", "0", "x");



# Dump of fanfiction_authorprefs 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_authorprefs VALUES("1", "1", "1", "1", "0", "0", "0", "0", "1", "default", "1", "0", "1", "0");
INSERT INTO fanfiction_authorprefs VALUES("2", "1", "1", "1", "0", "1", "0", "0", "1", "default", "0", "0", "1", "2");
INSERT INTO fanfiction_authorprefs VALUES("3", "1", "0", "1", "0", "0", "0", "0", "1", "default", "0", "0", "1", "1");
INSERT INTO fanfiction_authorprefs VALUES("4", "0", "0", "1", "0", "0", "0", "0", "1", "default", "0", "0", "0", "1");
INSERT INTO fanfiction_authorprefs VALUES("5", "0", "0", "1", "0", "0", "0", "0", "0", "default", "0", "0", "0", "1");



# Dump of fanfiction_categories 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_categories VALUES("1", "-1", "Star Trek", "The Original Series.", "", "1", "0", "1", "3");
INSERT INTO fanfiction_categories VALUES("2", "1", "Kirk/Spock", "Stories of Jim and Spock.", "", "0", "1", "1", "2");
INSERT INTO fanfiction_categories VALUES("3", "2", "Kirk/Spock/McCoy", "And Bones makes three.", "", "0", "2", "1", "1");
INSERT INTO fanfiction_categories VALUES("4", "-1", "Original Fiction", "", "", "0", "0", "2", "1");
INSERT INTO fanfiction_categories VALUES("5", "-1", "日本のオリジナル", "", "", "0", "0", "3", "1");



# Dump of fanfiction_characters 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_characters VALUES("1", "1", "James T. Kirk", "", "");
INSERT INTO fanfiction_characters VALUES("2", "1", "Spock", "", "");
INSERT INTO fanfiction_characters VALUES("3", "1", "Leonard &quot;Bones&quot; McCoy", "", "");
INSERT INTO fanfiction_characters VALUES("4", "4", "H�l�ne", "", "");



# Dump of fanfiction_classtypes 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_classtypes VALUES("1", "genres", "Genres");
INSERT INTO fanfiction_classtypes VALUES("2", "warnings", "Warnings");



# Dump of fanfiction_classes 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_classes VALUES("1", "1", "Angst");
INSERT INTO fanfiction_classes VALUES("2", "1", "Humor");
INSERT INTO fanfiction_classes VALUES("3", "1", "Hurt/Comfort");
INSERT INTO fanfiction_classes VALUES("4", "2", "Major Character Death");
INSERT INTO fanfiction_classes VALUES("5", "2", "None");



# Dump of fanfiction_ratings 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_ratings VALUES("1", "G", "0", "");
INSERT INTO fanfiction_ratings VALUES("2", "PG-13", "0", "");
INSERT INTO fanfiction_ratings VALUES("3", "NC-17", "1", "This story is for adults only.");



# Dump of fanfiction_stories 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_stories VALUES("1", "The Long Way Home", "<p>Jim and Spock, <i>stranded</i>.</p>", "Written for the 2005 zine.", "2", "1,4", "1,2", "2", "2005-06-01 12:00:00", "2005-07-15 18:30:00", "2", "1", "0", "1", "1", "0", "2400", "0", "3", "120", "0");
INSERT INTO fanfiction_stories VALUES("2", "Caf� �Noir�", "<p>Une histoire d�amour � � Paris.</p>", "", "4", "2", "4", "1", "2005-08-01 09:00:00", "2005-08-01 09:00:00", "3", "0", "0", "1", "1", "0", "900", "0", "1", "40", "0");
INSERT INTO fanfiction_stories VALUES("3", "春の物語", "<p>桜の下で。</p>", "", "5", "3", "", "1", "2006-04-01 07:00:00", "2006-04-08 07:00:00", "4", "0", "0", "1", "0", "0", "300", "0", "1", "10", "0");
INSERT INTO fanfiction_stories VALUES("4", "Three&#039;s Company", "<p>Bones joins in.</p>", "", "3", "2,5", "1,2,3", "3", "2006-05-01 22:00:00", "2006-05-01 22:00:00", "5", "0", "0", "0", "0", "0", "500", "0", "0", "0", "0");
INSERT INTO fanfiction_stories VALUES("5", "Shore Leave", "<p>The sequel.</p>", "", "2", "2", "1,2", "1", "2005-09-01 12:00:00", "2005-09-02 12:00:00", "2", "0", "0", "1", "1", "0", "700", "0", "0", "20", "0");



# Dump of fanfiction_chapters 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_chapters VALUES("1", "Stranded", "1", "<p>Thanks to my beta.</p>", "", "<p>To be continued.</p>", "1", "1200", "0", "2", "1", "2", "70");
INSERT INTO fanfiction_chapters VALUES("2", "Rescue", "2", "", "<p>The shuttle\'s lights came on.</p>\n<p>\"Spock?\" Jim said.</p>", "", "1", "1200", "0", "1", "1", "2", "50");
INSERT INTO fanfiction_chapters VALUES("3", "Premi�re partie", "1", "", "<p>�Bonjour,� dit-elle � et elle sourit. C��tait l��t�.</p>", "", "1", "900", "0", "1", "2", "3", "40");
INSERT INTO fanfiction_chapters VALUES("4", "第一章", "1", "", "", "", "1", "150", "0", "1", "3", "4", "10");
INSERT INTO fanfiction_chapters VALUES("5", "&#31532;&#20108;&#31456;", "2", "", "", "", "1", "150", "0", "0", "3", "4", "0");
INSERT INTO fanfiction_chapters VALUES("6", "Three", "1", "", "", "", "0", "500", "0", "0", "4", "5", "0");
INSERT INTO fanfiction_chapters VALUES("7", "Risa", "1", "", "<p>Shore leave at last.</p>", "", "1", "700", "0", "0", "5", "2", "20");



# Dump of fanfiction_coauthors 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_coauthors VALUES("1", "3");



# Dump of fanfiction_series 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_series VALUES("1", "The Enterprise Cycle", "<p>Two stories, in order.</p>", "2", "0", "2", "0", "", "1,2", "1", "2", "");



# Dump of fanfiction_inseries 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_inseries VALUES("1", "1", "0", "1", "1");
INSERT INTO fanfiction_inseries VALUES("1", "5", "0", "1", "2");



# Dump of fanfiction_reviews 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_reviews VALUES("1", "1", "1", "Lurker", "6", "Loved the shuttle scene!<br><br><i>Author\'s Response: Thank you! Chapter two is already up.</i>", "2005-06-02 08:00:00", "10", "1", "ST");
INSERT INTO fanfiction_reviews VALUES("2", "1", "2", "A guest", "0", "More please.", "2005-07-16 10:00:00", "-1", "0", "ST");
INSERT INTO fanfiction_reviews VALUES("3", "2", "3", "Bea O\'Hara", "5", "C�est magnifique.", "2005-08-02 10:00:00", "8", "0", "ST");
INSERT INTO fanfiction_reviews VALUES("4", "3", "4", "読者", "0", "素晴らしい物語でした。", "2006-04-02 10:00:00", "-1", "0", "ST");
INSERT INTO fanfiction_reviews VALUES("5", "1", "99", "Lurker", "6", "(on a chapter since deleted)", "2005-06-20 10:00:00", "-1", "0", "ST");
INSERT INTO fanfiction_reviews VALUES("6", "1", "0", "Lurker", "6", "A lovely series.", "2005-09-03 10:00:00", "-1", "0", "SE");



# Dump of fanfiction_favorites 
# Dump DATE : 05-Jan-2007

INSERT INTO fanfiction_favorites VALUES("6", "1", "ST", "My favourite.");
INSERT INTO fanfiction_favorites VALUES("6", "2", "AU", "");
INSERT INTO fanfiction_favorites VALUES("6", "1", "SE", "");
INSERT INTO fanfiction_favorites VALUES("5", "3", "ST", "");



