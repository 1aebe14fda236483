-- phpMyAdmin SQL Dump
-- version 4.9.5deb2
-- https://www.phpmyadmin.net/
--
-- Host: localhost
-- Generation Time: Jan 05, 2007 at 12:00 PM
-- Server version: 5.5.62

SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
SET AUTOCOMMIT = 0;
START TRANSACTION;
SET time_zone = "+00:00";

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;

--
-- Database: `efiction`
--

-- --------------------------------------------------------

--
-- Table structure for table `archive_fanfiction_settings`
--

CREATE TABLE `archive_fanfiction_settings` (
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

--
-- Dumping data for table `archive_fanfiction_settings`
--

INSERT INTO `archive_fanfiction_settings` (`sitekey`, `sitename`, `slogan`, `url`, `siteemail`, `tableprefix`, `storiespath`, `store`, `autovalidate`, `coauthallowed`, `allowed_tags`, `favorites`, `multiplecats`, `dateformat`, `language`, `version`) VALUES
('QuireTest1', 'Archive of Tales &amp; Trials', 'It''s a cool site!', 'http://fic.example.org', 'admin@example.org', 'archive_', 'stories', 'files', '0', '1', '<b><i><p><br>', '1', '1', 'd/m/y', 'en', '3.5.3');

-- --------------------------------------------------------

--
-- Table structure for table `archive_fanfiction_authors`
--

CREATE TABLE `archive_fanfiction_authors` (
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

--
-- Dumping data for table `archive_fanfiction_authors`
--

INSERT INTO `archive_fanfiction_authors` (`uid`, `penname`, `realname`, `email`, `website`, `bio`, `image`, `date`, `admincreated`, `password`) VALUES
('1', 'Archivist', 'Ada Admin', 'admin@example.org', '', '', '', '2005-03-01 10:00:00', '0', '5f4dcc3b5aa765d61d8327deb882cf99'),
('2', 'Ruth &amp; Naomi', 'Ruth', 'ruth@example.org', 'http://ruth.example.org', '<p>Writes <b>Trek</b>.</p>', '', '2005-04-02 11:30:00', '0', 'x'),
('3', 'Mireille Ducré', '', 'mireille@example.fr', '', '<p>J’écris en français — souvent.</p>', '', '2005-05-03 09:15:00', '0', 'x'),
('4', 'æ˜¥é¢¨', 'å±±ç”°èŠ±å­', 'harukaze@example.jp', '', '<p>æ—¥æœ¬èªžã§æ›¸ã„ã¦ã„ã¾ã™ã€‚</p>', '', '2006-01-10 08:00:00', '0', 'x'),
('5', 'Bea O''Hara', 'Beatrice', 'bea@example.org', '', 'Line one\nLine two\\with a backslash', '', '2006-02-11 20:45:00', '0', 'x'),
('6', 'Lurker', '', 'lurker@example.org', '', NULL, '', '2006-03-12 12:00:00', '0', 'x');

-- --------------------------------------------------------

--
-- Table structure for table `archive_fanfiction_categories`
--

CREATE TABLE `archive_fanfiction_categories` (
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

--
-- Dumping data for table `archive_fanfiction_categories`
--

INSERT INTO `archive_fanfiction_categories` (`catid`, `parentcatid`, `category`, `description`, `image`, `locked`, `leveldown`, `displayorder`, `numitems`) VALUES
('1', '-1', 'Star Trek', 'The Original Series.', '', '1', '0', '1', '3'),
('2', '1', 'Kirk/Spock', 'Stories of Jim and Spock.', '', '0', '1', '1', '2'),
('3', '2', 'Kirk/Spock/McCoy', 'And Bones makes three.', '', '0', '2', '1', '1'),
('4', '-1', 'Original Fiction', '', '', '0', '0', '2', '1'),
('5', '-1', 'æ—¥æœ¬ã®ã‚ªãƒªã‚¸ãƒŠãƒ«', '', '', '0', '0', '3', '1');

-- --------------------------------------------------------

--
-- Table structure for table `archive_fanfiction_ratings`
--

CREATE TABLE `archive_fanfiction_ratings` (
  `rid` int(11) NOT NULL AUTO_INCREMENT,
  `rating` varchar(60) NOT NULL DEFAULT '',
  `ratingwarning` char(1) NOT NULL DEFAULT '0',
  `warningtext` text NOT NULL,
  PRIMARY KEY (`rid`),
  KEY `rating` (`rating`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;

--
-- Dumping data for table `archive_fanfiction_ratings`
--

INSERT INTO `archive_fanfiction_ratings` (`rid`, `rating`, `ratingwarning`, `warningtext`) VALUES
('1', 'G', '0', ''),
('2', 'PG-13', '0', ''),
('3', 'NC-17', '1', 'This story is for adults only.');

-- --------------------------------------------------------

--
-- Table structure for table `archive_fanfiction_stories`
--

CREATE TABLE `archive_fanfiction_stories` (
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

--
-- Dumping data for table `archive_fanfiction_stories`
--

INSERT INTO `archive_fanfiction_stories` (`sid`, `title`, `summary`, `storynotes`, `catid`, `classes`, `charid`, `rid`, `date`, `updated`, `uid`, `coauthors`, `featured`, `validated`, `completed`, `rr`, `wordcount`, `rating`, `reviews`, `count`, `challenges`) VALUES
('1', 'The Long Way Home', '<p>Jim and Spock, <i>stranded</i>.</p>', 'Written for the 2005 zine.', '2', '1,4', '1,2', '2', '2005-06-01 12:00:00', '2005-07-15 18:30:00', '2', '1', '0', '1', '1', '0', '2400', '0', '3', '120', '0'),
('2', 'Café “Noir”', '<p>Une histoire d’amour — à Paris.</p>', '', '4', '2', '4', '1', '2005-08-01 09:00:00', '2005-08-01 09:00:00', '3', '0', '0', '1', '1', '0', '900', '0', '1', '40', '0'),
('3', 'æ˜¥ã®ç‰©èªž', '<p>æ¡œã®ä¸‹ã§ã€‚</p>', '', '5', '3', '', '1', '2006-04-01 07:00:00', '2006-04-08 07:00:00', '4', '0', '0', '1', '0', '0', '300', '0', '1', '10', '0'),
('4', 'Three&#039;s Company', '<p>Bones joins in.</p>', '', '3', '2,5', '1,2,3', '3', '2006-05-01 22:00:00', '2006-05-01 22:00:00', '5', '0', '0', '0', '0', '0', '500', '0', '0', '0', '0'),
('5', 'Shore Leave', '<p>The sequel.</p>', '', '2', '2', '1,2', '1', '2005-09-01 12:00:00', '2005-09-02 12:00:00', '2', '0', '0', '1', '1', '0', '700', '0', '0', '20', '0');

-- --------------------------------------------------------

--
-- Table structure for table `archive_fanfiction_chapters`
--

CREATE TABLE `archive_fanfiction_chapters` (
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

--
-- Dumping data for table `archive_fanfiction_chapters`
--

INSERT INTO `archive_fanfiction_chapters` (`chapid`, `title`, `inorder`, `notes`, `storytext`, `endnotes`, `validated`, `wordcount`, `rating`, `reviews`, `sid`, `uid`, `count`) VALUES
('1', 'Stranded', '1', '<p>Thanks to my beta.</p>', '', '<p>To be continued.</p>', '1', '1200', '0', '2', '1', '2', '70'),
('2', 'Rescue', '2', '', '<p>The shuttle''s lights came on.</p>\n<p>"Spock?" Jim said.</p>', '', '1', '1200', '0', '1', '1', '2', '50'),
('3', 'Première partie', '1', '', '<p>“Bonjour,” dit-elle — et elle sourit. C’était l’été.</p>', '', '1', '900', '0', '1', '2', '3', '40'),
('4', 'ç¬¬ä¸€ç« ', '1', '', '', '', '1', '150', '0', '1', '3', '4', '10'),
('5', '&#31532;&#20108;&#31456;', '2', '', '', '', '1', '150', '0', '0', '3', '4', '0'),
('6', 'Three', '1', '', '', '', '0', '500', '0', '0', '4', '5', '0'),
('7', 'Risa', '1', '', '<p>Shore leave at last.</p>', '', '1', '700', '0', '0', '5', '2', '20');

-- --------------------------------------------------------

--
-- Table structure for table `archive_fanfiction_coauthors`
--

CREATE TABLE `archive_fanfiction_coauthors` (
  `sid` int(11) NOT NULL DEFAULT '0',
  `uid` int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (`sid`,`uid`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1;

--
-- Dumping data for table `archive_fanfiction_coauthors`
--

INSERT INTO `archive_fanfiction_coauthors` (`sid`, `uid`) VALUES
('1', '3');

-- --------------------------------------------------------

--
-- Table structure for table `archive_fanfiction_reviews`
--

CREATE TABLE `archive_fanfiction_reviews` (
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

--
-- Dumping data for table `archive_fanfiction_reviews`
--

INSERT INTO `archive_fanfiction_reviews` (`reviewid`, `item`, `chapid`, `reviewer`, `uid`, `review`, `date`, `rating`, `respond`, `type`) VALUES
('1', '1', '1', 'Lurker', '6', 'Loved the shuttle scene!<br><br><i>Author''s Response: Thank you! Chapter two is already up.</i>', '2005-06-02 08:00:00', '10', '1', 'ST'),
('2', '1', '2', 'A guest', '0', 'More please.', '2005-07-16 10:00:00', '-1', '0', 'ST'),
('3', '2', '3', 'Bea O''Hara', '5', 'C’est magnifique.', '2005-08-02 10:00:00', '8', '0', 'ST'),
('4', '3', '4', 'èª­è€…', '0', 'ç´ æ™´ã‚‰ã—ã„ç‰©èªžã§ã—ãŸã€‚', '2006-04-02 10:00:00', '-1', '0', 'ST'),
('5', '1', '99', 'Lurker', '6', '(on a chapter since deleted)', '2005-06-20 10:00:00', '-1', '0', 'ST'),
('6', '1', '0', 'Lurker', '6', 'A lovely series.', '2005-09-03 10:00:00', '-1', '0', 'SE');

COMMIT;

/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
