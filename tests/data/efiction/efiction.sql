-- MySQL dump 10.13  Distrib 5.5.62, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: efiction
-- ------------------------------------------------------
-- Server version	5.5.62

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES latin1 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;

--
-- Table structure for table `fanfiction_settings`
--

DROP TABLE IF EXISTS `fanfiction_settings`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_settings` (
  `sitekey` varchar(50) NOT NULL DEFAULT '1',
  `sitename` varchar(200) NOT NULL DEFAULT 'Your Site',
  `slogan` varchar(200) NOT NULL DEFAULT 'It''s a cool site!',
  `url` varchar(200) NOT NULL DEFAULT 'http://www.yoursite.com',
  `siteemail` varchar(200) NOT NULL DEFAULT 'you@yoursite.com',
  `tableprefix` varchar(50) NOT NULL DEFAULT '',
  `storiespath` varchar(20) NOT NULL DEFAULT 'stories',
  `store` varchar(5) NOT NULL DEFAULT 'files',
  `autovalidate` tinyint(1) NOT NULL DEFAULT '0',
  `coauthallowed` int(1) NOT NULL DEFAULT '0',
  `allowed_tags` varchar(200) NOT NULL DEFAULT '<b><i><u><center><hr><p><br /><br><blockquote><ol><ul><li><img><strong><em>',
  `favorites` tinyint(1) NOT NULL DEFAULT '0',
  `multiplecats` tinyint(1) NOT NULL DEFAULT '0',
  `dateformat` varchar(20) NOT NULL DEFAULT 'd/m/y',
  `language` varchar(10) NOT NULL DEFAULT 'en',
  `version` varchar(10) NOT NULL DEFAULT '3.5.3',
  PRIMARY KEY (`sitekey`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_settings`
--

LOCK TABLES `fanfiction_settings` WRITE;
/*!40000 ALTER TABLE `fanfiction_settings` DISABLE KEYS */;
INSERT INTO `fanfiction_settings` VALUES ('QuireTest1','Archive of Tales &amp; Trials','It\'s a cool site!','http://fic.example.org','admin@example.org','','stories','files',0,1,'<b><i><p><br>',1,1,'d/m/y','en','3.5.3');
/*!40000 ALTER TABLE `fanfiction_settings` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_authors`
--

DROP TABLE IF EXISTS `fanfiction_authors`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_authors` (
  `uid` int(11) NOT NULL AUTO_INCREMENT,
  `penname` varchar(200) NOT NULL DEFAULT '',
  `realname` varchar(200) NOT NULL DEFAULT '',
  `email` varchar(200) NOT NULL DEFAULT '',
  `website` varchar(200) NOT NULL DEFAULT '',
  `bio` text,
  `image` varchar(200) NOT NULL DEFAULT '',
  `date` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `admincreated` char(1) NOT NULL DEFAULT '0',
  `password` varchar(40) NOT NULL DEFAULT '0',
  PRIMARY KEY (`uid`),
  KEY `penname` (`penname`),
  KEY `admincreated` (`admincreated`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_authors`
--

LOCK TABLES `fanfiction_authors` WRITE;
/*!40000 ALTER TABLE `fanfiction_authors` DISABLE KEYS */;
INSERT INTO `fanfiction_authors` VALUES (1,'Archivist','Ada Admin','admin@example.org','','','','2005-03-01 10:00:00','0','5f4dcc3b5aa765d61d8327deb882cf99'),(2,'Ruth &amp; Naomi','Ruth','ruth@example.org','http://ruth.example.org','<p>Writes <b>Trek</b>.</p>','','2005-04-02 11:30:00','0','x'),(3,'Mireille Ducr�','','mireille@example.fr','','<p>J��cris en fran�ais � souvent.</p>','','2005-05-03 09:15:00','0','x'),(4,'春風','山田花子','harukaze@example.jp','','<p>日本語で書いています。</p>','','2006-01-10 08:00:00','0','x'),(5,'Bea O\'Hara','Beatrice','bea@example.org','','Line one\nLine two\\with a backslash','','2006-02-11 20:45:00','0','x'),(6,'Lurker','','lurker@example.org','',NULL,'','2006-03-12 12:00:00','0','x');
/*!40000 ALTER TABLE `fanfiction_authors` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_authorprefs`
--

DROP TABLE IF EXISTS `fanfiction_authorprefs`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_authorprefs` (
  `uid` int(11) NOT NULL DEFAULT '0',
  `newreviews` tinyint(1) NOT NULL DEFAULT '0',
  `newrespond` tinyint(1) NOT NULL DEFAULT '0',
  `ageconsent` tinyint(1) NOT NULL DEFAULT '0',
  `alertson` tinyint(1) NOT NULL DEFAULT '0',
  `tinyMCE` tinyint(1) NOT NULL DEFAULT '0',
  `sortby` tinyint(1) NOT NULL DEFAULT '0',
  `storyindex` tinyint(1) NOT NULL DEFAULT '0',
  `validated` tinyint(1) NOT NULL DEFAULT '0',
  `userskin` varchar(60) NOT NULL DEFAULT 'default',
  `level` tinyint(1) NOT NULL DEFAULT '0',
  `categories` varchar(200) NOT NULL DEFAULT '0',
  `contact` tinyint(1) NOT NULL DEFAULT '0',
  `stories` int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (`uid`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_authorprefs`
--

LOCK TABLES `fanfiction_authorprefs` WRITE;
/*!40000 ALTER TABLE `fanfiction_authorprefs` DISABLE KEYS */;
INSERT INTO `fanfiction_authorprefs` VALUES (1,1,1,1,0,0,0,0,1,'default',1,'0',1,0),(2,1,1,1,0,1,0,0,1,'default',0,'0',1,2),(3,1,0,1,0,0,0,0,1,'default',0,'0',1,1),(4,0,0,1,0,0,0,0,1,'default',0,'0',0,1),(5,0,0,1,0,0,0,0,0,'default',0,'0',0,1);
/*!40000 ALTER TABLE `fanfiction_authorprefs` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `phpbb_users`
--

DROP TABLE IF EXISTS `phpbb_users`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `phpbb_users` (
  `user_id` int(11) NOT NULL,
  `username` varchar(255) NOT NULL,
  PRIMARY KEY (`user_id`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `phpbb_users`
--

LOCK TABLES `phpbb_users` WRITE;
/*!40000 ALTER TABLE `phpbb_users` DISABLE KEYS */;
INSERT INTO `phpbb_users` VALUES (1,'forumadmin');
/*!40000 ALTER TABLE `phpbb_users` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_categories`
--

DROP TABLE IF EXISTS `fanfiction_categories`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_categories` (
  `catid` int(11) NOT NULL AUTO_INCREMENT,
  `parentcatid` int(11) NOT NULL DEFAULT '-1',
  `category` varchar(60) NOT NULL DEFAULT '',
  `description` text NOT NULL,
  `image` varchar(100) NOT NULL DEFAULT '',
  `locked` char(1) NOT NULL DEFAULT '0',
  `leveldown` tinyint(4) NOT NULL DEFAULT '0',
  `displayorder` int(11) NOT NULL DEFAULT '0',
  `numitems` int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (`catid`),
  KEY `byparent` (`parentcatid`,`displayorder`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_categories`
--

LOCK TABLES `fanfiction_categories` WRITE;
/*!40000 ALTER TABLE `fanfiction_categories` DISABLE KEYS */;
INSERT INTO `fanfiction_categories` VALUES (1,-1,'Star Trek','The Original Series.','','1',0,1,3),(2,1,'Kirk/Spock','Stories of Jim and Spock.','','0',1,1,2),(3,2,'Kirk/Spock/McCoy','And Bones makes three.','','0',2,1,1),(4,-1,'Original Fiction','','','0',0,2,1),(5,-1,'日本のオリジナル','','','0',0,3,1);
/*!40000 ALTER TABLE `fanfiction_categories` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_characters`
--

DROP TABLE IF EXISTS `fanfiction_characters`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_characters` (
  `charid` int(11) NOT NULL AUTO_INCREMENT,
  `catid` int(11) NOT NULL DEFAULT '0',
  `charname` varchar(60) NOT NULL DEFAULT '',
  `bio` text NOT NULL,
  `image` varchar(200) NOT NULL DEFAULT '',
  PRIMARY KEY (`charid`),
  KEY `catid` (`catid`),
  KEY `charname` (`charname`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_characters`
--

LOCK TABLES `fanfiction_characters` WRITE;
/*!40000 ALTER TABLE `fanfiction_characters` DISABLE KEYS */;
INSERT INTO `fanfiction_characters` VALUES (1,1,'James T. Kirk','',''),(2,1,'Spock','',''),(3,1,'Leonard &quot;Bones&quot; McCoy','',''),(4,4,'H�l�ne','','');
/*!40000 ALTER TABLE `fanfiction_characters` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_classtypes`
--

DROP TABLE IF EXISTS `fanfiction_classtypes`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_classtypes` (
  `classtype_id` int(11) NOT NULL AUTO_INCREMENT,
  `classtype_name` varchar(50) NOT NULL DEFAULT '',
  `classtype_title` varchar(50) NOT NULL DEFAULT '',
  PRIMARY KEY (`classtype_id`),
  UNIQUE KEY `classtype_name` (`classtype_name`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_classtypes`
--

LOCK TABLES `fanfiction_classtypes` WRITE;
/*!40000 ALTER TABLE `fanfiction_classtypes` DISABLE KEYS */;
INSERT INTO `fanfiction_classtypes` VALUES (1,'genres','Genres'),(2,'warnings','Warnings');
/*!40000 ALTER TABLE `fanfiction_classtypes` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_classes`
--

DROP TABLE IF EXISTS `fanfiction_classes`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_classes` (
  `class_id` int(11) NOT NULL AUTO_INCREMENT,
  `class_type` int(11) NOT NULL DEFAULT '0',
  `class_name` varchar(100) NOT NULL DEFAULT '',
  PRIMARY KEY (`class_id`),
  KEY `byname` (`class_type`,`class_name`,`class_id`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_classes`
--

LOCK TABLES `fanfiction_classes` WRITE;
/*!40000 ALTER TABLE `fanfiction_classes` DISABLE KEYS */;
INSERT INTO `fanfiction_classes` VALUES (1,1,'Angst'),(2,1,'Humor'),(3,1,'Hurt/Comfort'),(4,2,'Major Character Death'),(5,2,'None');
/*!40000 ALTER TABLE `fanfiction_classes` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_ratings`
--

DROP TABLE IF EXISTS `fanfiction_ratings`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_ratings` (
  `rid` int(11) NOT NULL AUTO_INCREMENT,
  `rating` varchar(60) NOT NULL DEFAULT '',
  `ratingwarning` char(1) NOT NULL DEFAULT '0',
  `warningtext` text NOT NULL,
  PRIMARY KEY (`rid`),
  KEY `rating` (`rating`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_ratings`
--

LOCK TABLES `fanfiction_ratings` WRITE;
/*!40000 ALTER TABLE `fanfiction_ratings` DISABLE KEYS */;
INSERT INTO `fanfiction_ratings` VALUES (1,'G','0',''),(2,'PG-13','0',''),(3,'NC-17','1','This story is for adults only.');
/*!40000 ALTER TABLE `fanfiction_ratings` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_stories`
--

DROP TABLE IF EXISTS `fanfiction_stories`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_stories` (
  `sid` int(11) NOT NULL AUTO_INCREMENT,
  `title` varchar(200) NOT NULL DEFAULT '',
  `summary` text,
  `storynotes` text,
  `catid` varchar(100) NOT NULL DEFAULT '0',
  `classes` varchar(200) DEFAULT NULL,
  `charid` varchar(250) NOT NULL DEFAULT '0',
  `rid` varchar(25) NOT NULL DEFAULT '0',
  `date` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `updated` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `uid` int(11) NOT NULL DEFAULT '0',
  `coauthors` tinyint(1) NOT NULL DEFAULT '0',
  `featured` char(1) NOT NULL DEFAULT '0',
  `validated` char(1) NOT NULL DEFAULT '0',
  `completed` char(1) NOT NULL DEFAULT '0',
  `rr` char(1) NOT NULL DEFAULT '0',
  `wordcount` int(11) NOT NULL DEFAULT '0',
  `rating` tinyint(4) NOT NULL DEFAULT '0',
  `reviews` smallint(6) NOT NULL DEFAULT '0',
  `count` int(11) NOT NULL DEFAULT '0',
  `challenges` varchar(200) NOT NULL DEFAULT '0',
  PRIMARY KEY (`sid`),
  KEY `title` (`title`),
  KEY `catid` (`catid`),
  KEY `charid` (`charid`),
  KEY `rid` (`rid`),
  KEY `uid` (`uid`),
  KEY `validateduid` (`validated`,`uid`),
  KEY `recent` (`updated`,`validated`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_stories`
--

LOCK TABLES `fanfiction_stories` WRITE;
/*!40000 ALTER TABLE `fanfiction_stories` DISABLE KEYS */;
INSERT INTO `fanfiction_stories` VALUES (1,'The Long Way Home','<p>Jim and Spock, <i>stranded</i>.</p>','Written for the 2005 zine.','2','1,4','1,2','2','2005-06-01 12:00:00','2005-07-15 18:30:00',2,1,'0','1','1','0',2400,0,3,120,'0'),(2,'Caf� �Noir�','<p>Une histoire d�amour � � Paris.</p>','','4','2','4','1','2005-08-01 09:00:00','2005-08-01 09:00:00',3,0,'0','1','1','0',900,0,1,40,'0'),(3,'春の物語','<p>桜の下で。</p>','','5','3','','1','2006-04-01 07:00:00','2006-04-08 07:00:00',4,0,'0','1','0','0',300,0,1,10,'0'),(4,'Three&#039;s Company','<p>Bones joins in.</p>','','3','2,5','1,2,3','3','2006-05-01 22:00:00','2006-05-01 22:00:00',5,0,'0','0','0','0',500,0,0,0,'0'),(5,'Shore Leave','<p>The sequel.</p>','','2','2','1,2','1','2005-09-01 12:00:00','2005-09-02 12:00:00',2,0,'0','1','1','0',700,0,0,20,'0');
/*!40000 ALTER TABLE `fanfiction_stories` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_chapters`
--

DROP TABLE IF EXISTS `fanfiction_chapters`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_chapters` (
  `chapid` int(11) NOT NULL AUTO_INCREMENT,
  `title` varchar(250) NOT NULL DEFAULT '',
  `inorder` int(11) NOT NULL DEFAULT '0',
  `notes` text,
  `storytext` mediumtext,
  `endnotes` text,
  `validated` char(1) NOT NULL DEFAULT '0',
  `wordcount` int(11) NOT NULL DEFAULT '0',
  `rating` tinyint(4) NOT NULL DEFAULT '0',
  `reviews` smallint(6) NOT NULL DEFAULT '0',
  `sid` int(11) NOT NULL DEFAULT '0',
  `uid` int(11) NOT NULL DEFAULT '0',
  `count` int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (`chapid`),
  KEY `sid` (`sid`),
  KEY `uid` (`uid`),
  KEY `inorder` (`inorder`),
  KEY `title` (`title`),
  KEY `forstoryblock` (`sid`,`validated`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_chapters`
--

LOCK TABLES `fanfiction_chapters` WRITE;
/*!40000 ALTER TABLE `fanfiction_chapters` DISABLE KEYS */;
INSERT INTO `fanfiction_chapters` VALUES (1,'Stranded',1,'<p>Thanks to my beta.</p>','','<p>To be continued.</p>','1',1200,0,2,1,2,70),(2,'Rescue',2,'','<p>The shuttle\'s lights came on.</p>\n<p>\"Spock?\" Jim said.</p>','','1',1200,0,1,1,2,50),(3,'Premi�re partie',1,'','<p>�Bonjour,� dit-elle � et elle sourit. C��tait l��t�.</p>','','1',900,0,1,2,3,40),(4,'第一章',1,'','','','1',150,0,1,3,4,10),(5,'&#31532;&#20108;&#31456;',2,'','','','1',150,0,0,3,4,0),(6,'Three',1,'','','','0',500,0,0,4,5,0),(7,'Risa',1,'','<p>Shore leave at last.</p>','','1',700,0,0,5,2,20);
/*!40000 ALTER TABLE `fanfiction_chapters` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_coauthors`
--

DROP TABLE IF EXISTS `fanfiction_coauthors`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_coauthors` (
  `sid` int(11) NOT NULL DEFAULT '0',
  `uid` int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (`sid`,`uid`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_coauthors`
--

LOCK TABLES `fanfiction_coauthors` WRITE;
/*!40000 ALTER TABLE `fanfiction_coauthors` DISABLE KEYS */;
INSERT INTO `fanfiction_coauthors` VALUES (1,3);
/*!40000 ALTER TABLE `fanfiction_coauthors` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_series`
--

DROP TABLE IF EXISTS `fanfiction_series`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_series` (
  `seriesid` int(11) NOT NULL AUTO_INCREMENT,
  `title` varchar(200) NOT NULL DEFAULT '',
  `summary` text,
  `uid` int(11) NOT NULL DEFAULT '0',
  `isopen` tinyint(4) NOT NULL DEFAULT '0',
  `catid` varchar(200) NOT NULL DEFAULT '0',
  `rating` tinyint(4) NOT NULL DEFAULT '0',
  `classes` varchar(200) DEFAULT NULL,
  `characters` varchar(250) NOT NULL DEFAULT '',
  `reviews` smallint(6) NOT NULL DEFAULT '0',
  `numstories` int(11) NOT NULL DEFAULT '0',
  `challenges` varchar(200) NOT NULL DEFAULT '',
  PRIMARY KEY (`seriesid`),
  KEY `catid` (`catid`),
  KEY `owner` (`uid`,`title`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_series`
--

LOCK TABLES `fanfiction_series` WRITE;
/*!40000 ALTER TABLE `fanfiction_series` DISABLE KEYS */;
INSERT INTO `fanfiction_series` VALUES (1,'The Enterprise Cycle','<p>Two stories, in order.</p>',2,0,'2',0,'','1,2',1,2,'');
/*!40000 ALTER TABLE `fanfiction_series` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_inseries`
--

DROP TABLE IF EXISTS `fanfiction_inseries`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_inseries` (
  `seriesid` int(11) NOT NULL DEFAULT '0',
  `sid` int(11) NOT NULL DEFAULT '0',
  `subseriesid` int(11) NOT NULL DEFAULT '0',
  `confirmed` int(11) NOT NULL DEFAULT '0',
  `inorder` int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (`sid`,`seriesid`,`subseriesid`),
  KEY `seriesid` (`seriesid`,`inorder`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_inseries`
--

LOCK TABLES `fanfiction_inseries` WRITE;
/*!40000 ALTER TABLE `fanfiction_inseries` DISABLE KEYS */;
INSERT INTO `fanfiction_inseries` VALUES (1,1,0,1,1),(1,5,0,1,2);
/*!40000 ALTER TABLE `fanfiction_inseries` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_reviews`
--

DROP TABLE IF EXISTS `fanfiction_reviews`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_reviews` (
  `reviewid` int(11) NOT NULL AUTO_INCREMENT,
  `item` int(11) NOT NULL DEFAULT '0',
  `chapid` int(11) NOT NULL DEFAULT '0',
  `reviewer` varchar(60) NOT NULL DEFAULT '0',
  `uid` int(11) NOT NULL DEFAULT '0',
  `review` text NOT NULL,
  `date` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `rating` int(11) NOT NULL DEFAULT '0',
  `respond` char(1) NOT NULL DEFAULT '0',
  `type` char(2) NOT NULL DEFAULT 'ST',
  PRIMARY KEY (`reviewid`),
  KEY `psid` (`chapid`),
  KEY `rating` (`rating`),
  KEY `respond` (`respond`),
  KEY `avgrating` (`type`,`item`,`rating`),
  KEY `bychapter` (`chapid`,`rating`),
  KEY `byuid` (`uid`,`item`,`type`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_reviews`
--

LOCK TABLES `fanfiction_reviews` WRITE;
/*!40000 ALTER TABLE `fanfiction_reviews` DISABLE KEYS */;
INSERT INTO `fanfiction_reviews` VALUES (1,1,1,'Lurker',6,'Loved the shuttle scene!<br><br><i>Author\'s Response: Thank you! Chapter two is already up.</i>','2005-06-02 08:00:00',10,'1','ST'),(2,1,2,'A guest',0,'More please.','2005-07-16 10:00:00',-1,'0','ST'),(3,2,3,'Bea O\'Hara',5,'C�est magnifique.','2005-08-02 10:00:00',8,'0','ST'),(4,3,4,'読者',0,'素晴らしい物語でした。','2006-04-02 10:00:00',-1,'0','ST'),(5,1,99,'Lurker',6,'(on a chapter since deleted)','2005-06-20 10:00:00',-1,'0','ST'),(6,1,0,'Lurker',6,'A lovely series.','2005-09-03 10:00:00',-1,'0','SE');
/*!40000 ALTER TABLE `fanfiction_reviews` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `fanfiction_favorites`
--

DROP TABLE IF EXISTS `fanfiction_favorites`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `fanfiction_favorites` (
  `uid` int(11) NOT NULL DEFAULT '0',
  `item` int(11) NOT NULL DEFAULT '0',
  `type` char(2) NOT NULL DEFAULT '',
  `comments` text NOT NULL,
  UNIQUE KEY `byitem` (`item`,`type`,`uid`),
  UNIQUE KEY `byuid` (`uid`,`type`,`item`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `fanfiction_favorites`
--

LOCK TABLES `fanfiction_favorites` WRITE;
/*!40000 ALTER TABLE `fanfiction_favorites` DISABLE KEYS */;
INSERT INTO `fanfiction_favorites` VALUES (6,1,'ST','My favourite.'),(6,2,'AU',''),(6,1,'SE',''),(5,3,'ST','');
/*!40000 ALTER TABLE `fanfiction_favorites` ENABLE KEYS */;
UNLOCK TABLES;

/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;

-- Dump completed on 2007-01-05 12:00:00
