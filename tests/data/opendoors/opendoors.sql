-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: od_gateworld
-- ------------------------------------------------------
-- Server version	8.0.36
--
-- A small archive converted to the Open Doors import tables, for Quire's tests (tests/test_opendoors_import.py):
-- a multi-chapter story, a co-authored story, an author and a story marked do-not-import, a rating and a
-- warning AO3 has not got, a tag Open Doors could not map, a story link, a broken link, and a `bookmarks`
-- table in Open Doors' older column spelling (authorId, donotimport).

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Table structure for table `authors`
--

DROP TABLE IF EXISTS `authors`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `authors` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL DEFAULT '',
  `email` varchar(255) NOT NULL DEFAULT '',
  `imported` tinyint(1) NOT NULL DEFAULT '0',
  `do_not_import` tinyint(1) NOT NULL DEFAULT '0',
  `to_delete` tinyint(1) DEFAULT '0',
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_UNIQUE` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `authors`
--

LOCK TABLES `authors` WRITE;
/*!40000 ALTER TABLE `authors` DISABLE KEYS */;
INSERT INTO `authors` VALUES (1,'Ruth Naomi','ruth@example.com',0,0,0),(2,'Mireille Ducré','mireille@example.com',0,0,0),(3,'Gone Writer','gone@example.com',0,1,0),(4,'Link Keeper','LinkKeeperGateworldArchive@ao3.org',0,0,0);
/*!40000 ALTER TABLE `authors` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `chapters`
--

DROP TABLE IF EXISTS `chapters`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `chapters` (
  `id` int NOT NULL AUTO_INCREMENT,
  `position` bigint DEFAULT NULL,
  `title` varchar(255) NOT NULL DEFAULT '',
  `text` mediumtext,
  `date` datetime DEFAULT NULL,
  `story_id` int DEFAULT '0',
  `notes` text,
  `url` varchar(1024) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_UNIQUE` (`id`),
  KEY `storyid` (`story_id`)
) ENGINE=InnoDB AUTO_INCREMENT=51 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `chapters`
--

LOCK TABLES `chapters` WRITE;
/*!40000 ALTER TABLE `chapters` DISABLE KEYS */;
INSERT INTO `chapters` VALUES (10,2,'Rescue','<p>The shuttle came at dawn. Spock said nothing, and everything.</p>','2005-07-15 18:30:00',1,'<p>Thanks for waiting.</p>','http://gateworld.example/viewstory.php?sid=1&chapter=2'),(11,1,'Stranded','<p>The planet was cold.\r\nKirk\'s communicator was dead.</p>','2005-06-01 12:00:00',1,'<p>Set after “The Galileo Seven”.</p>','http://gateworld.example/viewstory.php?sid=1&chapter=1'),(20,1,'','<p>« Bonjour, » dit-elle, au café du coin.</p>','2006-02-09 22:21:35',2,'',NULL),(30,1,'','<p>Not to be imported.</p>','2006-03-01 10:00:00',3,'',NULL),(40,1,'','<p>Withdrawn by its writer.</p>','2006-03-02 10:00:00',4,'',NULL),(50,1,'Only','<p>A story with a rating nobody else uses.</p>','2007-01-05 08:00:00',5,'',NULL);
/*!40000 ALTER TABLE `chapters` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `stories`
--

DROP TABLE IF EXISTS `stories`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `stories` (
  `id` int NOT NULL AUTO_INCREMENT,
  `title` varchar(255) NOT NULL DEFAULT '',
  `summary` text,
  `notes` text,
  `author_id` int DEFAULT '0',
  `rating` varchar(255) NOT NULL DEFAULT '',
  `date` datetime DEFAULT NULL,
  `updated` datetime DEFAULT NULL,
  `categories` varchar(45) DEFAULT NULL,
  `tags` varchar(255) NOT NULL DEFAULT '',
  `warnings` varchar(255) DEFAULT '',
  `fandoms` varchar(255) DEFAULT '',
  `characters` varchar(1024) DEFAULT '',
  `relationships` varchar(1024) DEFAULT '',
  `language_code` varchar(5) DEFAULT 'en',
  `url` varchar(255) DEFAULT NULL,
  `imported` tinyint(1) NOT NULL DEFAULT '0',
  `do_not_import` tinyint(1) NOT NULL DEFAULT '0',
  `ao3_url` varchar(255) DEFAULT NULL,
  `import_notes` varchar(1024) DEFAULT '',
  `coauthor_id` int DEFAULT '0',
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_UNIQUE` (`id`),
  KEY `authorId` (`author_id`)
) ENGINE=InnoDB AUTO_INCREMENT=6 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `stories`
--

LOCK TABLES `stories` WRITE;
/*!40000 ALTER TABLE `stories` DISABLE KEYS */;
INSERT INTO `stories` VALUES (1,'The Long Way Home','<p>Stranded, again.</p>','<p>For T\'Pau, who beta-read it.</p>',1,'Teen And Up Audiences','2005-06-01 12:00:00','2005-07-15 18:30:00','M/M','Hurt/Comfort, Angst','No Archive Warnings Apply','Star Trek: The Original Series','James T. Kirk, Spock','James T. Kirk/Spock','en','http://gateworld.example/viewstory.php?sid=1',0,0,NULL,'',0),(2,'Café “Noir”','<p>Deux détectives, un café.</p>','',2,'General Audiences','2006-02-09 22:21:35','2006-02-09 22:21:35','Gen','','Creator Chose Not To Use Archive Warnings','Star Trek: The Original Series','Nyota Uhura, Christine Chapel','','fr','http://gateworld.example/viewstory.php?sid=2',0,0,NULL,'',1),(3,'Forbidden','','',3,'General Audiences','2006-03-01 10:00:00','2006-03-01 10:00:00','Gen','','No Archive Warnings Apply','Star Trek: The Original Series','','','en',NULL,0,0,NULL,'',0),(4,'Withdrawn','','',1,'General Audiences','2006-03-02 10:00:00','2006-03-02 10:00:00','Gen','','No Archive Warnings Apply','Star Trek: The Original Series','','','en',NULL,0,1,NULL,'',0),(5,'Odd Rating','','',2,'Adults Only','2007-01-05 08:00:00','2007-01-05 08:00:00','Other','','Mild Peril, Major Character Death','Star Trek: The Original Series','','','en',NULL,0,0,NULL,'',0);
/*!40000 ALTER TABLE `stories` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `story_links`
--

DROP TABLE IF EXISTS `story_links`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `story_links` (
  `id` int NOT NULL AUTO_INCREMENT,
  `title` varchar(255) NOT NULL DEFAULT '',
  `summary` text,
  `notes` text,
  `author_id` int DEFAULT '0',
  `rating` varchar(255) NOT NULL DEFAULT '',
  `date` datetime DEFAULT NULL,
  `updated` datetime DEFAULT NULL,
  `categories` varchar(45) DEFAULT NULL,
  `tags` varchar(255) NOT NULL DEFAULT '',
  `warnings` varchar(255) DEFAULT '',
  `fandoms` varchar(255) DEFAULT '',
  `characters` varchar(1024) DEFAULT '',
  `relationships` varchar(1024) DEFAULT '',
  `language_code` varchar(5) DEFAULT 'en',
  `url` varchar(255) DEFAULT NULL,
  `imported` tinyint(1) NOT NULL DEFAULT '0',
  `do_not_import` tinyint(1) NOT NULL DEFAULT '0',
  `ao3_url` varchar(255) DEFAULT NULL,
  `broken_link` tinyint(1) NOT NULL DEFAULT '0',
  `import_notes` varchar(1024) DEFAULT '',
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_UNIQUE` (`id`),
  KEY `authorId` (`author_id`)
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `story_links`
--

LOCK TABLES `story_links` WRITE;
/*!40000 ALTER TABLE `story_links` DISABLE KEYS */;
INSERT INTO `story_links` VALUES (1,'Shore Leave Elsewhere','<p>Hosted on the writer\'s own site.</p>','',4,'Mature','2004-11-20 00:00:00','2004-12-01 00:00:00','F/M','Humor','No Archive Warnings Apply','Star Trek: The Original Series','Leonard McCoy','','en','http://example.org/stories/shore-leave.html',0,0,NULL,0,''),(2,'Lost to Time','','',4,'General Audiences','2003-01-01 00:00:00','2003-01-01 00:00:00','Gen','','No Archive Warnings Apply','Star Trek: The Original Series','','','en','http://geocities.example/~gone/lost.html',0,0,NULL,1,'');
/*!40000 ALTER TABLE `story_links` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `bookmarks`
--

DROP TABLE IF EXISTS `bookmarks`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `bookmarks` (
  `id` int NOT NULL AUTO_INCREMENT,
  `title` varchar(255) CHARACTER SET utf8mb4 NOT NULL DEFAULT '',
  `summary` text,
  `notes` text,
  `authorId` int DEFAULT '0',
  `rating` varchar(255) CHARACTER SET utf8mb4 NOT NULL DEFAULT '',
  `date` datetime DEFAULT NULL,
  `updated` datetime DEFAULT NULL,
  `categories` varchar(45) DEFAULT '',
  `tags` varchar(1024) NOT NULL DEFAULT '',
  `warnings` varchar(1024) DEFAULT '',
  `fandoms` varchar(255) DEFAULT '',
  `characters` varchar(1024) DEFAULT '',
  `relationships` varchar(1024) DEFAULT '',
  `url` varchar(255) DEFAULT NULL,
  `imported` tinyint(1) NOT NULL DEFAULT '0',
  `donotimport` tinyint(1) NOT NULL DEFAULT '0',
  `ao3url` varchar(255) DEFAULT NULL,
  `brokenlink` tinyint(1) DEFAULT '0',
  `importnotes` varchar(1024) DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `authorId` (`authorId`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `bookmarks`
--

LOCK TABLES `bookmarks` WRITE;
/*!40000 ALTER TABLE `bookmarks` DISABLE KEYS */;
INSERT INTO `bookmarks` VALUES (1,'The Menagerie, Retold','<p>A classic, recommended by the archive.</p>','',1,'Teen And Up Audiences','2008-05-05 00:00:00','2008-05-05 00:00:00','Gen','','No Archive Warnings Apply','Star Trek: The Original Series','Christopher Pike','','https://example.net/fic/42',0,0,NULL,0,'');
/*!40000 ALTER TABLE `bookmarks` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `tags`
--

DROP TABLE IF EXISTS `tags`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `tags` (
  `id` int NOT NULL AUTO_INCREMENT,
  `original_tagid` int DEFAULT NULL,
  `original_tag` varchar(1024) DEFAULT NULL,
  `original_type` varchar(255) DEFAULT NULL,
  `original_parent` varchar(255) DEFAULT NULL,
  `original_description` varchar(1024) DEFAULT NULL,
  `ao3_tag` varchar(1024) DEFAULT NULL,
  `ao3_tag_type` varchar(255) DEFAULT NULL,
  `ao3_tag_category` varchar(255) DEFAULT NULL,
  `ao3_tag_fandom` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_UNIQUE` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `tags`
--

LOCK TABLES `tags` WRITE;
/*!40000 ALTER TABLE `tags` DISABLE KEYS */;
INSERT INTO `tags` VALUES (1,3,'Kirk/Spock','categories','Slash','','James T. Kirk/Spock','relationships','M/M','Star Trek: The Original Series'),(2,7,'Angst','classes','Genres','','Angst','freeform','',''),(3,9,'Sparkly Vampires','classes','Genres','Our in-joke.',NULL,NULL,NULL,NULL);
/*!40000 ALTER TABLE `tags` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `item_tags`
--

DROP TABLE IF EXISTS `item_tags`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `item_tags` (
  `id` int NOT NULL AUTO_INCREMENT,
  `item_id` int DEFAULT NULL,
  `item_type` enum('story','story_link','chapter') DEFAULT NULL,
  `tag_id` int DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_UNIQUE` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `item_tags`
--

LOCK TABLES `item_tags` WRITE;
/*!40000 ALTER TABLE `item_tags` DISABLE KEYS */;
INSERT INTO `item_tags` VALUES (1,1,'story',1),(2,1,'story',2),(3,1,'story',3);
/*!40000 ALTER TABLE `item_tags` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2026-12-07 17:50:00
